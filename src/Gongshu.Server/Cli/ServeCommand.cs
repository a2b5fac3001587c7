using System.CommandLine;
using Gongshu.Demo;
using Gongshu.Server.Http;
using Gongshu.Server.Platform;
using Gongshu.Storage;

namespace Gongshu.Server.Cli;

public static class ServeCommand
{
    public static Command Create() => Create("serve", "Start the platform's web server and API (no demo data)", seedDemo: false);

    /// <summary><c>gongshu demo</c>: the same server, with the demo province seeded (once) and its accounts printed.</summary>
    public static Command CreateDemo() => Create("demo",
        "Start the platform with demo data: 浙江省 with two cities, 31 departments, one account per role, 226 catalog resources in every lifecycle state. Re-running reuses it.", seedDemo: true);

    private static Command Create(string name, string description, bool seedDemo)
    {
        var command = new Command(name, description);
        command.Options.Add(CommonOptions.Port);
        command.Options.Add(CommonOptions.Host);
        command.Options.Add(CommonOptions.MaxUploadMb);
        command.SetAction((result, ct) => CommonOptions.RunAsync(() => ServeAsync(CommonOptions.Settings(result), seedDemo, ct)));
        return command;
    }

    public static async Task<int> ServeAsync(PlatformSettings settings, bool seedDemo, CancellationToken ct)
    {
        await using var platform = await PlatformServices.OpenAsync(settings, migrate: false, ct);

        // Loads that died with an earlier process left tables nobody can see; drop them now.
        var interrupted = await platform.Collection.RecoverInterruptedAsync(ct);
        if (interrupted > 0)
        {
            Console.WriteLine($"Marked {interrupted} load(s) interrupted by an earlier process as failed; the data they were replacing kept serving.");
        }

        var dropped = await new DatasetStore(platform.Database).DropAbandonedVersionsAsync(startup: true, ct: ct);
        if (dropped.Count > 0)
        {
            Console.WriteLine($"Removed {dropped.Count} unfinished dataset version(s) left by an earlier process.");
        }

        var demo = seedDemo
            ? await DemoSeeder.SeedAsync(platform.Database, platform.Keys, platform.AuditLog, platform.Clock, ct)
            : null;
        if (seedDemo)
        {
            foreach (var (code, rows) in await DemoResourceData.LoadAsync(platform.Database, platform.Catalog, platform.Collection, platform.Users, ct))
            {
                Console.WriteLine($"Loaded {rows:N0} demo rows into resource {code} through collection (graded, L4 fields encrypted).");
            }
        }

        var app = GongshuWebApp.Build(platform);
        await app.StartAsync(ct);
        Console.WriteLine($"Gongshu is running on {platform.Database.DisplayName}.");
        demo?.Print(Console.Out);
        Console.WriteLine($"Open {settings.Url}/ in a browser (the open portal); sign in at {settings.Url}/login for the work console and the cockpit. Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, ct);
        }
        catch (OperationCanceledException)
        {
            Console.WriteLine("Stopping…");
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }
}
