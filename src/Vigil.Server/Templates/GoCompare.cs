namespace Vigil.Server.Templates;

/// <summary>Go's eq and lt on basic kinds (bool, int, float, string), with Go's comparison errors.</summary>
internal static class GoCompare
{
    public static bool Eq(object? arg1, object?[] others)
    {
        if (others.Length == 0)
        {
            throw new TemplateRuntimeException("missing argument for comparison");
        }
        var k1 = Kind(arg1);
        foreach (var arg in others)
        {
            var k2 = Kind(arg);
            bool truth;
            if (k1 != k2)
            {
                if (IsValid(arg1) && IsValid(arg))
                {
                    throw new TemplateRuntimeException("incompatible types for comparison");
                }
                truth = false;
            }
            else
            {
                truth = k1 switch
                {
                    'b' => (bool)arg1! == (bool)arg!,
                    'i' => Convert.ToInt64(arg1, null) == Convert.ToInt64(arg, null),
                    'f' => (double)arg1! == (double)arg!,
                    's' => Text(arg1) == Text(arg),
                    _ => CompareOther(arg1, arg),
                };
            }
            if (truth)
            {
                return true;
            }
        }
        return false;
    }

    public static bool Less(object? arg1, object? arg2)
    {
        var k1 = Kind(arg1);
        var k2 = Kind(arg2);
        if (k1 == '?' || k2 == '?')
        {
            throw new TemplateRuntimeException("invalid type for comparison");
        }
        if (k1 != k2)
        {
            throw new TemplateRuntimeException("incompatible types for comparison");
        }
        return k1 switch
        {
            'i' => Convert.ToInt64(arg1, null) < Convert.ToInt64(arg2, null),
            'f' => (double)arg1! < (double)arg2!,
            's' => string.CompareOrdinal(Text(arg1), Text(arg2)) < 0,
            _ => throw new TemplateRuntimeException("invalid type for comparison"),
        };
    }

    private static bool CompareOther(object? a, object? b)
    {
        if (a is null || b is null || a is NoValue || b is NoValue)
        {
            return (a is null or NoValue) == (b is null or NoValue);
        }
        if (a is System.Collections.IList or TemplateKV)
        {
            throw new TemplateRuntimeException("non-comparable type " + GoFormat.Sprint(a) + ": " + GoValues.TypeName(a));
        }
        return Equals(a, b);
    }

    private static bool IsValid(object? value) => value is not (null or NoValue);

    private static string Text(object? value) => value is SafeText t ? t.Text : (string)value!;

    private static char Kind(object? value) => value switch
    {
        bool => 'b',
        long or byte => 'i',
        double => 'f',
        string or SafeText => 's',
        _ => '?',
    };
}
