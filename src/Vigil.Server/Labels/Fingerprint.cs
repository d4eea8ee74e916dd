using System.Globalization;

namespace Vigil.Server.Labels;

/// <summary>
/// The identity of an alert: FNV-1a 64 over its sorted label set, the same number Alertmanager
/// computes (prometheus/common model.LabelSet.Fingerprint), printed as 16 hex digits.
/// </summary>
public readonly record struct Fingerprint(ulong Value)
{
    public override string ToString() => Value.ToString("x16", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out Fingerprint fingerprint)
    {
        var ok = ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v);
        fingerprint = new Fingerprint(v);
        return ok;
    }
}
