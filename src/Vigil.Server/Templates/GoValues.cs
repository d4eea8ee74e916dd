using System.Collections;

namespace Vigil.Server.Templates;

/// <summary>Go's view of template values: truth, type names, iteration.</summary>
internal static class GoValues
{
    /// <summary>Go's isTrue: false, 0, nil and empty strings, slices and maps are false; structs are true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        NoValue => false,
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        SafeText t => t.Text.Length > 0,
        GoDuration d => d.Ticks != 0,
        ICollection c => c.Count > 0,
        TemplateKV kv => kv.Count > 0,
        _ => true,
    };

    /// <summary>The Go type name error messages and %T print.</summary>
    public static string TypeName(object? value) => value switch
    {
        null or NoValue => "<nil>",
        string => "string",
        long => "int",
        double => "float64",
        bool => "bool",
        byte => "uint8",
        SafeText t => t.GoTypeName,
        ITemplateObject o => o.GoTypeName,
        IReadOnlyList<string> => "[]string",
        IReadOnlyList<TemplateAlert> => "[]template.Alert",
        IList => "[]interface {}",
        _ => value.GetType().Name,
    };

    /// <summary>The (index or key, element) pairs <c>range</c> visits; maps in sorted key order; null when not iterable.</summary>
    public static IEnumerable<(object? Index, object? Element)>? Iterate(object? value)
    {
        switch (value)
        {
            case null or NoValue:
                return [];
            case IList list:
                return IterateList(list);
            case TemplateKV kv:
                return kv.SortedKeys.Select(k => ((object?)k, (object?)kv[k]));
            default:
                return null;
        }
    }

    private static IEnumerable<(object? Index, object? Element)> IterateList(IList list)
    {
        for (int i = 0; i < list.Count; i++)
        {
            yield return ((long)i, list[i]);
        }
    }
}
