namespace Vigil.Server.Maintenance;

/// <summary>Why a draft is not a valid window: the field (API spelling, e.g. <c>timeZone</c>) and the reason.</summary>
public sealed record WindowError(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
