using System.Collections;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Go's text/template builtins (funcs.go) with Go's semantics and error texts.</summary>
internal static class GoBuiltins
{
    /// <summary>Marks and/or, which the executor evaluates lazily (Go 1.18+ short-circuit).</summary>
    public static readonly Func<object?[], object?> ShortCircuit = _ => null;

    public static IEnumerable<TemplateFunction> All()
    {
        GoType[] valueVariadic = [GoType.Value, GoType.Value];
        yield return TemplateFunction.OfVariadic("and", valueVariadic, ShortCircuit);
        yield return TemplateFunction.OfVariadic("or", valueVariadic, ShortCircuit);
        yield return TemplateFunction.Of("not", [GoType.Value], a => !GoValues.IsTrue(a[0]));
        yield return TemplateFunction.Of("len", [GoType.Value], a => Length(a[0]));
        yield return TemplateFunction.OfVariadic("index", valueVariadic, a => Index(a[0], a[1..]));
        yield return TemplateFunction.OfVariadic("slice", valueVariadic, a => GoSlice.Slice(a[0], a[1..]));
        yield return TemplateFunction.OfVariadic("print", [GoType.Any], GoFormat.Sprint);
        yield return TemplateFunction.OfVariadic("println", [GoType.Any], GoFormat.Sprintln);
        yield return TemplateFunction.OfVariadic("printf", [GoType.String, GoType.Any], a => GoPrintf.Sprintf((string)a[0]!, a[1..]));
        yield return TemplateFunction.OfVariadic("html", [GoType.Any], a => GoEscape.Html(EvalArgs(a)));
        yield return TemplateFunction.OfVariadic("js", [GoType.Any], a => GoEscape.JavaScript(EvalArgs(a)));
        yield return TemplateFunction.OfVariadic("urlquery", [GoType.Any], a => GoEscape.QueryEscape(EvalArgs(a)));
        yield return TemplateFunction.OfVariadic("eq", valueVariadic, a => GoCompare.Eq(a[0], a[1..]));
        yield return TemplateFunction.Of("ne", [GoType.Value, GoType.Value], a => !GoCompare.Eq(a[0], [a[1]]));
        yield return TemplateFunction.Of("lt", [GoType.Value, GoType.Value], a => GoCompare.Less(a[0], a[1]));
        yield return TemplateFunction.Of("le", [GoType.Value, GoType.Value], a => GoCompare.Less(a[0], a[1]) || GoCompare.Eq(a[0], [a[1]]));
        yield return TemplateFunction.Of("gt", [GoType.Value, GoType.Value], a => !(GoCompare.Less(a[0], a[1]) || GoCompare.Eq(a[0], [a[1]])));
        yield return TemplateFunction.Of("ge", [GoType.Value, GoType.Value], a => !GoCompare.Less(a[0], a[1]));
    }

    /// <summary>Go's evalArgs: a single string as is, otherwise fmt.Sprint of the printable values.</summary>
    private static string EvalArgs(object?[] args)
    {
        if (args.Length == 1 && args[0] is string s)
        {
            return s;
        }
        var sb = new StringBuilder();
        var printable = args.Select(a => a == NoValue.Instance ? "<no value>" : a).ToArray();
        sb.Append(GoFormat.Sprint(printable));
        return sb.ToString();
    }

    private static long Length(object? item) => item switch
    {
        null => throw new TemplateRuntimeException("len of nil pointer"),
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        SafeText t => System.Text.Encoding.UTF8.GetByteCount(t.Text),
        ICollection c => c.Count,
        TemplateKV kv => kv.Count,
        _ => throw new TemplateRuntimeException("len of type " + GoValues.TypeName(item)),
    };

    private static object? Index(object? item, object?[] indexes)
    {
        if (item is null or NoValue)
        {
            throw new TemplateRuntimeException("index of untyped nil");
        }
        foreach (var index in indexes)
        {
            switch (item)
            {
                case string or IList:
                    int length = item is string str ? Encoding.UTF8.GetByteCount(str) : ((IList)item).Count;
                    if (index is not long i)
                    {
                        throw new TemplateRuntimeException("cannot index slice/array with type " + GoValues.TypeName(index));
                    }
                    if (i < 0 || i >= length)
                    {
                        throw new TemplateRuntimeException("index out of range: " + i);
                    }
                    item = item is string s2 ? Encoding.UTF8.GetBytes(s2)[i] : ((IList)item)[(int)i];
                    break;
                case TemplateKV kv:
                    if (index is not string key)
                    {
                        throw new TemplateRuntimeException("value has type " + GoValues.TypeName(index) + "; should be string");
                    }
                    item = kv[key];
                    break;
                default:
                    throw new TemplateRuntimeException("can't index item of type " + GoValues.TypeName(item));
            }
        }
        return item;
    }
}
