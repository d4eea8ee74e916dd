using Microsoft.Extensions.Logging;
using Vigil.Server.Storage;

namespace Vigil.Server.Security;

/// <summary>
/// On first start (no token exists yet) creates an admin token, stores its hash, and writes the token
/// to DATA/admin.token readable by the owner only.
/// </summary>
internal static partial class AdminTokenBootstrap
{
    public const string FileName = "admin.token";

    public static async Task EnsureAsync(TokenStore tokens, string dataDir, ILogger logger, CancellationToken ct)
    {
        var path = Path.GetFullPath(Path.Combine(dataDir, FileName));
        if (await tokens.AnyAsync(ct))
        {
            if (File.Exists(path))
            {
                LogTokenAt(logger, path);
            }
            return;
        }
        var token = ApiTokens.Generate();
        await tokens.CreateAsync("admin", [Scopes.Name(Scope.Admin)], ApiTokens.Hash(token), ct);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using (var file = new StreamWriter(path, options))
        {
            await file.WriteLineAsync(token);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        LogTokenCreated(logger, path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the admin API token; it is in {Path} (mode 0600). Use it as 'Authorization: Bearer <token>'.")]
    private static partial void LogTokenCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin API token file: {Path}")]
    private static partial void LogTokenAt(ILogger logger, string path);
}
