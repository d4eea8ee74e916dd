using Vigil.Cli;

// vigil: the control plane (`server`) and the client verbs that talk to it (Cli/VigilCli).
return await VigilCli.Create().Parse(args).InvokeAsync();
