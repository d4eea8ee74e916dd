using Vigil.Cli;

// vigil: the control plane (`server`) and the client verbs that talk to it (Cli/VigilCli).
var parse = VigilCli.For(args).Parse(args);
return await parse.InvokeAsync(VigilCli.InvocationFor(parse));
