using System.Reflection;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>Vigil's version, and the Alertmanager release whose API v2 it speaks (what <c>versionInfo.version</c> reports).</summary>
internal static class VigilVersion
{
    /// <summary>The Alertmanager release whose API, amtool and configuration Vigil is measured against.</summary>
    public const string Alertmanager = "0.25.0";

    /// <summary>The informational version with its build metadata (<c>1.0.0+abc123</c>).</summary>
    public static readonly string Full =
        typeof(VigilVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The version without build metadata (<c>1.0.0</c>).</summary>
    public static readonly string Text = Full.Split('+')[0];
}
