using System.Text;

namespace Vigil.Cli;

/// <summary>
/// A list as amtool and kubectl print one: a header line, then one line per row, each column padded to its widest
/// cell. For the verbs whose lists can run to thousands of rows (<c>alerts</c>, <c>silence ls</c>): a boxed Spectre
/// table measures and wraps every cell, which took 0.7 s of CPU for 3,000 alerts even compiled ahead of time.
/// </summary>
internal sealed class PlainTable(params string[] headers)
{
    private const string Gap = "   ";
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public void AddRow(params string[] cells) => _rows.Add([.. cells.Select(OneLine)]);

    /// <summary>Writes the table to <paramref name="output"/> (a trailing column is not padded).</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        var line = new StringBuilder();
        WriteLine(output, line, headers, widths);
        foreach (var row in _rows)
        {
            WriteLine(output, line, row, widths);
        }
        output.Flush();
    }

    private static void WriteLine(TextWriter output, StringBuilder line, string[] cells, int[] widths)
    {
        line.Clear();
        for (var i = 0; i < widths.Length; i++)
        {
            line.Append(cells[i]);
            if (i < widths.Length - 1)
            {
                line.Append(' ', widths[i] - cells[i].Length).Append(Gap);
            }
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    private static string OneLine(string cell) => cell.ReplaceLineEndings(" ");
}
