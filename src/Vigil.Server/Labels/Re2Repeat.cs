namespace Vigil.Server.Labels;

/// <summary>
/// A <c>{n,m}</c> repetition in a pattern (<see cref="Count"/> is its largest count, or its least when unbounded) and
/// the repetitions inside it, with Go's rules for reading and limiting them.
/// </summary>
internal sealed record Re2Repeat(int Count, List<Re2Repeat> Inner)
{
    /// <summary>Go's repeatIsValid: the counts of nested repetitions, multiplied, stay within <paramref name="n"/>.</summary>
    public bool IsValid(int n)
    {
        if (Count == 0)
        {
            return true;
        }
        if (Count > n)
        {
            return false;
        }
        n /= Count;
        return Inner.All(r => r.IsValid(n));
    }

    /// <summary><c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> at <paramref name="at"/> (else <c>{</c> is a literal), ending
    /// before <paramref name="end"/>; a number of more than 8 digits reads as -1 (too big), as in Go.</summary>
    public static bool TryParse(string s, int at, out int min, out int max, out int end)
    {
        (min, max, end) = (0, 0, at + 1);
        if (!TryInt(s, ref end, out min) || end >= s.Length)
        {
            return false;
        }
        max = min;
        if (s[end] == ',')
        {
            end++;
            if (end < s.Length && s[end] == '}')
            {
                max = -1;
            }
            else if (!TryInt(s, ref end, out max) || end >= s.Length)
            {
                return false;
            }
            else if (max < 0)
            {
                min = -1;
            }
        }
        if (s[end] != '}')
        {
            return false;
        }
        end++;
        return true;
    }

    // Digits without a leading zero (Go reads "{01}" as literal text).
    private static bool TryInt(string s, ref int at, out int value)
    {
        value = 0;
        if (at >= s.Length || !char.IsAsciiDigit(s[at]) || (s[at] == '0' && at + 1 < s.Length && char.IsAsciiDigit(s[at + 1])))
        {
            return false;
        }
        for (; at < s.Length && char.IsAsciiDigit(s[at]); at++)
        {
            value = value is >= 100_000_000 or < 0 ? -1 : (value * 10) + (s[at] - '0');
        }
        return true;
    }
}
