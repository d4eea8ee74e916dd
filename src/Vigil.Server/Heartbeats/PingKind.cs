namespace Vigil.Server.Heartbeats;

/// <summary>What a ping says: done (<c>/hb/{id}</c>), started (<c>/start</c>) or failed (<c>/fail</c>).</summary>
public enum PingKind
{
    Success,
    Start,
    Fail,
}
