using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Vigil.Server.Config;

/// <summary>
/// Refuses YAML nested deeper than <see cref="Max"/> before it is loaded: YamlDotNet builds its node tree recursively,
/// so a plan sent to the API as <c>- - - - …</c> a million levels deep would overflow the stack and end the process.
/// Its parser is a state machine, so walking the events first is safe at any depth.
/// </summary>
internal static class YamlDepth
{
    /// <summary>Far deeper than any configuration or plan needs.</summary>
    public const int Max = 64;

    public static void Check(string text, string sourceName)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case SequenceStart or MappingStart:
                    if (++depth > Max)
                    {
                        throw new ConfigException(sourceName, (int)parser.Current.Start.Line, "", $"the YAML is nested more than {Max} levels deep");
                    }
                    break;
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }
    }
}
