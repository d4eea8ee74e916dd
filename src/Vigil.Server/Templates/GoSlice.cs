using System.Collections;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Go's slice builtin: <c>slice x 1 2</c> is <c>x[1:2]</c> for strings and slices.</summary>
internal static class GoSlice
{
    public static object? Slice(object? item, object?[] indexes)
    {
        if (item is null or NoValue)
        {
            throw new TemplateRuntimeException("slice of untyped nil");
        }
        if (indexes.Length > 3)
        {
            throw new TemplateRuntimeException("too many slice indexes: " + indexes.Length);
        }
        int cap;
        switch (item)
        {
            case string s:
                if (indexes.Length == 3)
                {
                    throw new TemplateRuntimeException("cannot 3-index slice a string");
                }
                cap = Encoding.UTF8.GetByteCount(s);
                break;
            case IList list:
                cap = list.Count;
                break;
            default:
                throw new TemplateRuntimeException("can't slice item of type " + GoValues.TypeName(item));
        }
        int[] idx = [0, cap, cap];
        for (int i = 0; i < indexes.Length; i++)
        {
            if (indexes[i] is not long x)
            {
                throw new TemplateRuntimeException("cannot index slice/array with type " + GoValues.TypeName(indexes[i]));
            }
            if (x < 0 || x > cap)
            {
                throw new TemplateRuntimeException("index out of range: " + x);
            }
            idx[i] = (int)x;
        }
        if (idx[0] > idx[1])
        {
            throw new TemplateRuntimeException($"invalid slice index: {idx[0]} > {idx[1]}");
        }
        if (indexes.Length == 3 && idx[1] > idx[2])
        {
            throw new TemplateRuntimeException($"invalid slice index: {idx[1]} > {idx[2]}");
        }
        if (item is string str)
        {
            var bytes = Encoding.UTF8.GetBytes(str);
            return Encoding.UTF8.GetString(bytes, idx[0], idx[1] - idx[0]);
        }
        var source = (IList)item;
        if (item is IReadOnlyList<string>)
        {
            var strings = new List<string>();
            for (int i = idx[0]; i < idx[1]; i++)
            {
                strings.Add((string)source[i]!);
            }
            return strings;
        }
        if (item is IReadOnlyList<TemplateAlert>)
        {
            var alerts = new List<TemplateAlert>();
            for (int i = idx[0]; i < idx[1]; i++)
            {
                alerts.Add((TemplateAlert)source[i]!);
            }
            return alerts;
        }
        var result = new List<object?>();
        for (int i = idx[0]; i < idx[1]; i++)
        {
            result.Add(source[i]);
        }
        return result;
    }
}
