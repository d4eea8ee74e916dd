"""Scratch start-up stamps (never commit the result): run in the root of a scratch worktree of Vigil
(`git worktree add /tmp/wt HEAD`), then `dotnet publish -c Release src/Vigil -o BIN` there and
`python3 bench/prof/startstamps.py BIN CONFIG [N]`. Each stamp is one stderr line `STAMP <CLOCK_MONOTONIC ns> <thread> <what>`.
Written for session 44's VigilServer.StartAsync; an edit whose text moved fails with the text it looked for."""
import re
def edit(p, pairs):
    s=open(p).read()
    for old,new in pairs:
        assert old in s, (p, old)
        s=s.replace(old,new,1)
    open(p,'w').write(s)
open('src/Vigil.Server/Hosting/Stamp.cs','w').write('''namespace Vigil.Server.Hosting;
public static class Stamp
{
    public static void At(string what) => Console.Error.WriteLine($"STAMP {System.Diagnostics.Stopwatch.GetTimestamp()} {Environment.CurrentManagedThreadId} {what}");
}
''')
V='src/Vigil.Server/Hosting/VigilServer.cs'
edit(V,[
 ('        var tightened = DataFolder.Secure(options.DataDir);','        Stamp.At("StartAsync");\n        var tightened = DataFolder.Secure(options.DataDir);'),
 ('        var web = options.WebConfigFile','        Stamp.At("config");\n        var web = options.WebConfigFile'),
 ('        var migrating = Task.Run(() => database.MigrateAsync(ct), ct);','        Stamp.At("database");\n        var migrating = Task.Run(async () => { await database.MigrateAsync(ct); Stamp.At("migrated"); }, ct);'),
 ('        await migrating;\n        var app = builder.Build();','        Stamp.At("assembled");\n        await migrating;\n        var app = builder.Build();\n        Stamp.At("built");'),
 ('        var wiring = Task.Run(app.Services.GetRequiredService<UiChangeWiring>, ct);','        var wiring = Task.Run(() => { var w = app.Services.GetRequiredService<UiChangeWiring>(); Stamp.At("wiring resolved"); return w; }, ct);'),
 ('            MapPipeline(app);\n','            MapPipeline(app);\n            Stamp.At("mapped");\n'),
 ('        await restoring;\n','        await restoring;\n        Stamp.At("restored");\n'),
 ('        (await wiring).Connect();','        Stamp.At("token");\n        (await wiring).Connect();\n        Stamp.At("wired");\n        app.Lifetime.ApplicationStarted.Register(() => Stamp.At("lifetime started"));'),
 ('        await app.StartAsync(ct);','        await app.StartAsync(ct);\n        Stamp.At("app started");'),
 ('        app.Services.GetRequiredService<ServerLifecycle>().MarkReady();','        app.Services.GetRequiredService<ServerLifecycle>().MarkReady();\n        Stamp.At("ready marked");'),
 ('                await pipeline.RunAsync(services, lifetime.ApplicationStopping);','                Stamp.At("warm start");\n                await pipeline.RunAsync(services, lifetime.ApplicationStopping);\n                Stamp.At("warm routed");'),
])
# Every hosted service's start, stamped by a wrapper (registered in the same order).
open('src/Vigil.Server/Hosting/TimedHosted.cs', 'w').write('''namespace Vigil.Server.Hosting;
internal sealed class TimedHosted(Microsoft.Extensions.Hosting.IHostedService inner) : Microsoft.Extensions.Hosting.IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        Stamp.At("start " + inner.GetType().Name);
        await inner.StartAsync(ct);
        Stamp.At("started " + inner.GetType().Name);
    }
    public Task StopAsync(CancellationToken ct) => inner.StopAsync(ct);
}
''')
edit(V, [('''        builder.Services.LoadUiKeyRingOnceReady();
        return builder;''', '''        builder.Services.LoadUiKeyRingOnceReady();
        foreach (var d in builder.Services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
        {
            builder.Services.Remove(d);
            builder.Services.Add(ServiceDescriptor.Singleton<IHostedService>(sp => new TimedHosted(
                d.ImplementationInstance as IHostedService
                ?? (IHostedService?)d.ImplementationFactory?.Invoke(sp)
                ?? (IHostedService)ActivatorUtilities.CreateInstance(sp, d.ImplementationType!))));
        }
        return builder;''')])
edit('src/Vigil.Server/Hosting/ReadinessMiddleware.cs',[('''    public Task InvokeAsync(HttpContext context) =>
        context''','''    public Task InvokeAsync(HttpContext context)
    {
        Stamp.At("ready request");
        return context'''),('''            : next(context);
''','''            : next(context);
    }
''')])
edit('src/Vigil/Program.cs',[('if (args is','Stamp.At("Main");\nif (args is'),('var parse = VigilCli','Stamp.At("parse");\nvar parse = VigilCli')])
edit('src/Vigil.Server/Hosting/StartupWarmUp.cs',[
 ('            ConfigLoader.ParseYaml','            Stamp.At("warm yaml");\n            ConfigLoader.ParseYaml'),
 ('            if (sqlite)','            Stamp.At("warm sqlite");\n            if (sqlite)'),
 ('            RuntimeHelpers','            Stamp.At("warm prom");\n            RuntimeHelpers'),
 ('"label");\n','"label");\n            Stamp.At("warm done");\n')])
