using System.Globalization;
using System.Text;

namespace Vigil.Server.Storage;

/// <summary>Fingerprint sets as compact text: 16-digit hex values joined by commas, sorted.</summary>
internal static class FingerprintList
{
    public static string Write(IReadOnlyCollection<ulong> fingerprints)
    {
        var sorted = fingerprints.Order().ToArray();
        var sb = new StringBuilder(sorted.Length * 17);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }
            sb.Append(sorted[i].ToString("x16", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public static IReadOnlyCollection<ulong> Read(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }
        var parts = text.Split(',');
        var result = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = ulong.Parse(parts[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        return result;
    }
}
