using System.CommandLine;
using Gongshu.Storage;

namespace Gongshu.Server.Cli;

public static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Apply the database migrations this version needs");
        migrate.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            var settings = CommonOptions.Settings(result);
            await using var database = Database.Open(settings.Connection, settings.DataDirectory);
            var applied = await Migrator.MigrateAsync(database, ct);
            Console.WriteLine(applied.Count == 0
                ? $"{database.DisplayName} is up to date."
                : $"Applied {applied.Count} migration(s) to {database.DisplayName}: {string.Join(", ", applied)}");
            return 0;
        }));

        var db = new Command("db", "Database administration");
        db.Subcommands.Add(migrate);
        return db;
    }
}
