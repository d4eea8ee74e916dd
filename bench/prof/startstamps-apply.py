"""Scratch start-up stamps (never commit the result): run in the root of a scratch worktree of Vigil
(`git worktree add /tmp/wt HEAD`), then `dotnet publish -c Release src/Vigil -o BIN` there and
`python3 bench/prof/startstamps.py BIN CONFIG [N]`. Each stamp is one stderr line `STAMP <CLOCK_MONOTONIC ns> <thread> <what>`.
Written for VigilServer.StartAsync as of session 45 (the stores opened beside the host's build); an edit whose text moved fails with the text it looked for."""
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
 ('            app = AssembleHost(options, web, opening).Build();','            var builder = AssembleHost(options, web, opening);\n            Stamp.At("assembled");\n            app = builder.Build();\n            Stamp.At("built");'),
 ('            stores = await opening;','            stores = await opening;\n            Stamp.At("stores awaited");'),
 ('            wiring = Task.Run(app.Services.GetRequiredService<UiChangeWiring>, ct);','            Stamp.At("alerts restored");\n            wiring = Task.Run(() => { var w = app.Services.GetRequiredService<UiChangeWiring>(); Stamp.At("wiring resolved"); return w; }, ct);'),
 ('            hosted = Task.Run(() => app.Services.GetServices<IHostedService>().Count(), ct);','            hosted = Task.Run(() => { var n = app.Services.GetServices<IHostedService>().Count(); Stamp.At("hosted services made"); return n; }, ct);'),
 ('            MapPipeline(app);\n','            MapPipeline(app);\n            Stamp.At("mapped");\n'),
 ('        await restoring;\n','        await restoring;\n        Stamp.At("restored");\n'),
 ('        await token;\n','        await token;\n        Stamp.At("token awaited");\n'),
 ('        (await wiring!).Connect();','        (await wiring!).Connect();\n        Stamp.At("wired");\n        app.Lifetime.ApplicationStarted.Register(() => Stamp.At("lifetime started"));'),
 ('        await app.StartAsync(ct);','        await app.StartAsync(ct);\n        Stamp.At("app started");'),
 ('        app.Services.GetRequiredService<ServerLifecycle>().MarkReady();','        app.Services.GetRequiredService<ServerLifecycle>().MarkReady();\n        Stamp.At("ready marked");'),
 ('                await pipeline.Done;','                Stamp.At("warm start");\n                await pipeline.Done;\n                Stamp.At("warm routed");'),
 ('        await migrated;\n','        await migrated;\n        Stamp.At("restore starts");\n'),
 ('        var actionKey = Task.Run(services.LoadActionKey, ct);','        var actionKey = Task.Run(() => { services.LoadActionKey(); Stamp.At("action key"); }, ct);'),
 ('            actionKey);\n    }','            actionKey);\n        Stamp.At("rest restored");\n    }'),
 ('            k.Listen(ParseListen(options.Listen), listen =>\n            {','            k.Listen(ParseListen(options.Listen), listen =>\n            {\n                listen.Use(next => async ctx => { Stamp.At("connection"); await next(ctx); });'),
])
edit('src/Vigil.Server/Hosting/ServerStores.cs',[
 ('        var config = ConfigHolder.Load(options.ConfigPath, options.WorkingDirectory);\n        var database','        var config = ConfigHolder.Load(options.ConfigPath, options.WorkingDirectory);\n        Stamp.At("config");\n        var database'),
 ('        var migrated = Task.Run(() => database.MigrateAsync(ct), ct);','        Stamp.At("database");\n        var migrated = Task.Run(async () => { await database.MigrateAsync(ct); Stamp.At("migrated"); }, ct);'),
 ('            return new ServerStores(config, database, snapshot, migrated);','            Stamp.At("snapshot opened");\n            return new ServerStores(config, database, snapshot, migrated);'),
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
edit('src/Vigil/Program.cs',[('if (args is','Stamp.At("Main");\nif (args is'),('var parse = VigilCli','Stamp.At("parse");\nvar parse = VigilCli'),
 ('return await parse.InvokeAsync','Stamp.At("parsed");\nreturn await parse.InvokeAsync')])
edit('src/Vigil/Cli/ServerCommand.cs',[('            var options = new VigilServerOptions','            Vigil.Server.Hosting.Stamp.At("server action");\n            var options = new VigilServerOptions')])
edit('src/Vigil.Server/Hosting/StartupWarmUp.cs',[
 ('            ConfigLoader.ParseYaml','            Stamp.At("warm yaml");\n            ConfigLoader.ParseYaml'),
 ('            if (sqlite)','            Stamp.At("warm sqlite");\n            if (sqlite)'),
 ('            RuntimeHelpers','            Stamp.At("warm prom");\n            RuntimeHelpers'),
 ('"label");\n','"label");\n            Stamp.At("warm crypto");\n'),
 ('            SHA256.HashData(RandomNumberGenerator.GetBytes(32));\n','            SHA256.HashData(RandomNumberGenerator.GetBytes(32));\n            Stamp.At("warm done");\n')])
