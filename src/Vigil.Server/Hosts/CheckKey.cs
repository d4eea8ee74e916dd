using Vigil.Contracts.Agents;

namespace Vigil.Server.Hosts;

/// <summary>A check's identity as one string (<c>mount{mountpoint=/data}</c>), to compare reports.</summary>
internal static class CheckKey
{
    public static string Of(CheckResult check) =>
        check.Check + "{" + string.Join(",", check.Subject.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)) + "}";
}
