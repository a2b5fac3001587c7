using System.CommandLine;
using Gongshu.Audit;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Cli;

/// <summary><c>gongshu audit verify</c>: re-check every entry, link and signed checkpoint of the audit log.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var verify = new Command("verify", "Check the whole audit log; exit 0 when intact, 1 naming the first entry that was altered, removed or inserted");
        verify.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            var settings = CommonOptions.Settings(result);
            await using var platform = await PlatformServices.OpenAsync(settings, migrate: false, ct);

            // No checkpoint is signed here: signing an unverified tail would bless whatever it holds.
            var started = System.Diagnostics.Stopwatch.StartNew();
            var progress = new Progress<long>(checkedSoFar =>
            {
                if (!Console.IsErrorRedirected)
                {
                    Console.Error.Write($"\r{checkedSoFar:N0} entries checked…");
                }
            });
            var verification = await AuditVerifier.VerifyAsync(platform.Database, platform.Keys.AuditSigningKey, progress, ct);
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write("\r");
            }

            var elapsed = started.Elapsed.TotalSeconds;
            if (verification.Ok)
            {
                Console.WriteLine($"Audit log intact: {verification.EntriesChecked:N0} entries and {verification.CheckpointsChecked:N0} signed checkpoints verified in {elapsed:F1} s.");
                var unsigned = verification.EntriesChecked - (verification.LastCheckpointSeq ?? 0);
                if (unsigned > 0)
                {
                    Console.WriteLine($"The last {unsigned:N0} entries are not yet under a signed checkpoint: the hash chain alone protects them.");
                }
                return 0;
            }

            Console.WriteLine($"AUDIT LOG BROKEN at entry {verification.Seq} ({verification.Kind}): {verification.Message}");
            Console.WriteLine($"{verification.EntriesChecked:N0} entries checked before the first problem.");
            return 1;
        }));

        var audit = new Command("audit", "The tamper-evident audit log");
        audit.Subcommands.Add(verify);
        return audit;
    }
}
