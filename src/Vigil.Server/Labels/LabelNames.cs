namespace Vigil.Server.Labels;

/// <summary>Prometheus' classic label-name rule, which Alertmanager 0.25 enforces: [a-zA-Z_][a-zA-Z0-9_]*.</summary>
public static class LabelNames
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || (i > 0 && c is >= '0' and <= '9');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The same rule over a name's UTF-8 bytes (a valid name is ASCII).</summary>
    public static bool IsValid(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (byte)'_' || (i > 0 && c is >= (byte)'0' and <= (byte)'9');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
