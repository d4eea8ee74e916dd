using System.CommandLine;
using Vigil.Cli;

// The installed `vigil` (native): answers the client verbs and --version itself, hands everything else (the server-side
// verbs, and help, which lists every verb) to vigil-server.
if (args is ["server", ..])
{
    return ServerHandOver.Exec(args); // at once: the server's start-up is timed from here
}
var root = new RootCommand("Vigil: a self-hosted reliability control plane (Alertmanager API v2 compatible).");
foreach (var verb in ClientVerbs.Create())
{
    root.Subcommands.Add(verb);
}
if (args is ["--version"] || (args.Length > 0 && root.Subcommands.Any(c => c.Name == args[0] || c.Aliases.Contains(args[0]))))
{
    return await root.Parse(args).InvokeAsync();
}
return ServerHandOver.Exec(args);
