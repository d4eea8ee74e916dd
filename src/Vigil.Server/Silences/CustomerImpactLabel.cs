using Vigil.Server.Labels;

namespace Vigil.Server.Silences;

/// <summary>The label that marks an alert as customer-facing (<c>impact="customer"</c> by default).</summary>
public sealed record CustomerImpactLabel(string Name, string Value)
{
    public static readonly CustomerImpactLabel Default = new("impact", "customer");

    public bool IsOn(LabelSet labels) => labels.Get(Name) == Value;

    public override string ToString() => Name + "=" + GoQuote.Quote(Value);
}
