using System.Text;

namespace Vigil.Server.Incidents.Postmortems;

/// <summary>A postmortem as Markdown, in the seed's layout (<c># title</c>, <c>## section</c>, lines as written).</summary>
public static class PostmortemMarkdown
{
    public static string Render(Postmortem p)
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(p.Title).Append('\n');
        if (p.Preliminary)
        {
            sb.Append("_Preliminary: the incident is still open; every time this is asked for it is written again from the record._\n");
        }
        foreach (var s in p.Sections)
        {
            sb.Append("## ").Append(s.Heading).Append('\n');
            foreach (var line in s.Lines)
            {
                sb.Append(line).Append('\n');
            }
        }
        return sb.ToString();
    }
}
