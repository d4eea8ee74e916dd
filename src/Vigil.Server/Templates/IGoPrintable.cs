using System.Text;

namespace Vigil.Server.Templates;

/// <summary>A value with its own Go %v form: a Stringer (time.Time), a map, or a struct.</summary>
internal interface IGoPrintable
{
    void AppendV(StringBuilder sb);
}
