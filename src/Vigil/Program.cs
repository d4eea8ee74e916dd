using Vigil.Cli;
using Vigil.Server.Hosting;

// vigil: the control plane (`server`) and the client verbs that talk to it (Cli/VigilCli).
if (args is [ServerCommand.Name, ..])
{
    StartupWarmUp.Begin(sqlite: !args.Contains("--postgres") && Environment.GetEnvironmentVariable("VIGIL_POSTGRES") is not { Length: > 0 });
}
var parse = VigilCli.For(args).Parse(args);
return await parse.InvokeAsync(VigilCli.InvocationFor(parse));
