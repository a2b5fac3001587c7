using System.CommandLine;
using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Collection;
using Gongshu.Collection.Loads;
using Gongshu.Collection.Sources;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Cli;

/// <summary><c>gongshu ingest</c>: load a file into a resource from the command line, with a progress bar.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("resource-code") { Description = "The resource's code (信息资源代码), e.g. 1010100001/00001, or id:N" };
        var file = new Argument<FileInfo>("file") { Description = "CSV (UTF-8 or GBK/GB18030), XLSX, XLS, JSON array or NDJSON" };
        var user = new Option<string>("--as")
        {
            Description = "Username of the provider admin the load is done as (audited as that user)",
            Required = true,
        };
        var mode = new Option<string>("--mode") { Description = "full (replace), append, or upsert (by the resource's key fields)", DefaultValueFactory = _ => "full" };
        var format = new Option<string?>("--format") { Description = "csv, xlsx, xls, json or ndjson (default: from the file name)" };
        var encoding = new Option<string?>("--encoding") { Description = "Text encoding of a CSV: utf-8, gbk, gb18030, utf-16 (default: detected)" };
        var delimiter = new Option<string?>("--delimiter") { Description = "CSV delimiter: , ; | or tab (default: detected)" };
        var sheet = new Option<string?>("--sheet") { Description = "Excel sheet name (default: the first)" };
        var allOrNothing = new Option<bool>("--all-or-nothing") { Description = "Load nothing if any row is rejected" };
        var map = new Option<string[]>("--map")
        {
            Description = "Source column to field, repeatable: --map 身份证=id_number; an empty field ignores the column (--map 备注=)",
            AllowMultipleArgumentsPerToken = true,
        };
        var rejectsFile = new Option<FileInfo?>("--rejects") { Description = "Write the rejected rows with line and reason to this CSV file" };
        var command = new Command("ingest", "Load a file into a published resource: a new version, switched in only when complete")
        {
            code, file, user, mode, format, encoding, delimiter, sheet, allOrNothing, map, rejectsFile,
        };
        command.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                throw GongshuException.Invalid("file", $"File {path.Name} was not found.", "file_not_found");
            }

            var options = new LoadOptions
            {
                Mode = CollectionService.ParseMode(result.GetValue(mode)),
                AllOrNothing = result.GetValue(allOrNothing),
                Mapping = ColumnMapping.ParsePairs(result.GetValue(map) ?? [], "--map"),
            };
            var read = new FileReadOptions
            {
                Format = result.GetValue(format),
                Encoding = result.GetValue(encoding),
                Delimiter = FileReadOptions.ParseDelimiter(result.GetValue(delimiter)),
                Sheet = result.GetValue(sheet),
            };

            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            var caller = await CallerAsync(platform, result.GetValue(user)!, ct);

            // A load killed earlier left a running row and a half-written table: close and drop them first.
            if (await platform.Collection.RecoverInterruptedAsync(ct) is > 0 and var recovered)
            {
                await Console.Error.WriteLineAsync($"Marked {recovered} load(s) interrupted by an earlier process as failed; their data was never switched in.");
            }

            await platform.Collection.Datasets.DropAbandonedVersionsAsync(ct: ct);
            var resourceId = await ResolveResourceAsync(platform, result.GetValue(code)!, ct);

            await using var stream = path.OpenRead();
            var bar = new ProgressBar(path.Length);
            await using var source = await SourceFiles.OpenAsync(stream, path.Name, read, maxBytes: null, ct);
            CollectionLoad load;
            try
            {
                load = await platform.Collection.LoadAsync(caller, resourceId, source.Input(path.Length), options, bar, ct);
            }
            finally
            {
                bar.Clear();
            }

            Console.WriteLine(Summary(load));
            if (load.RowsRejected > 0)
            {
                await WriteRejectsAsync(platform, caller, load, result.GetValue(rejectsFile), ct);
            }

            return 0;
        }));
        return command;
    }

    internal static string Summary(CollectionLoad load)
    {
        var seconds = Math.Max(0.001, (load.DurationMs ?? 0) / 1000.0);
        return $"Loaded {load.RowsLoaded:N0} of {load.RowsRead:N0} rows into {load.ResourceCode} ({CollectionService.ModeText(load.Mode)}) "
            + $"in {seconds:F1} s, {load.RowsRead / seconds:N0} rows/s; dataset version {load.DatasetVersionId} is now current. "
            + $"Load {load.Id}, source SM3 {load.Fingerprint ?? "-"}.";
    }

    private static async Task WriteRejectsAsync(PlatformServices platform, CatalogCaller caller, CollectionLoad load, FileInfo? target, CancellationToken ct)
    {
        await Console.Error.WriteLineAsync($"{load.RowsRejected:N0} rows were rejected{(load.RejectsKept < load.RowsRejected ? $" (the first {load.RejectsKept:N0} are kept)" : "")}.");
        if (target is null)
        {
            await foreach (var reject in platform.Collection.RejectsAsync(caller, load.Id, ct).Take(5).WithCancellation(ct))
            {
                await Console.Error.WriteLineAsync($"  line {reject.Line}: {(reject.Field is null ? "" : reject.Field + ": ")}{reject.Reason}");
            }

            await Console.Error.WriteLineAsync("Pass --rejects FILE to save them all, or download /api/collection/loads/" + load.Id.ToString(CultureInfo.InvariantCulture) + "/rejects.csv.");
            return;
        }

        await using var output = target.Create();
        await RejectsCsv.WriteAsync(platform.Collection.RejectsAsync(caller, load.Id, ct), output, ct);
        await Console.Error.WriteLineAsync($"Rejected rows written to {target.Name}.");
    }

    private static async Task<CatalogCaller> CallerAsync(PlatformServices platform, string username, CancellationToken ct)
    {
        var user = await platform.Users.FindByUsernameAsync(username, ct);
        if (user is null || user.Disabled)
        {
            throw GongshuException.Invalid("--as", $"There is no active user '{username}'.", "unknown_user");
        }

        return CatalogCaller.ForUser(user, "cli");
    }

    private static async Task<long> ResolveResourceAsync(PlatformServices platform, string code, CancellationToken ct)
    {
        if (code.StartsWith("id:", StringComparison.Ordinal) && long.TryParse(code.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        return await platform.Catalog.FindIdByCodeAsync(code.Trim(), ct)
            ?? throw GongshuException.NotFound($"Resource {code}", "resource_not_found");
    }

    /// <summary>One line on standard error, redrawn in place: rows, rows/s, share of the file read and time left.</summary>
    private sealed class ProgressBar(long totalBytes) : IProgress<LoadProgress>
    {
        private const int Width = 30;
        private readonly bool _interactive = !Console.IsErrorRedirected;
        private DateTime _lastPlain = DateTime.MinValue;

        public void Report(LoadProgress value)
        {
            var share = totalBytes > 0 ? Math.Clamp((double)value.BytesRead / totalBytes, 0, 1) : 0;
            var filled = (int)(share * Width);
            var eta = value.Remaining is { } left ? $"ETA {left:mm\\:ss}" : "";
            var line = $"[{new string('#', filled)}{new string('.', Width - filled)}] {share,4:P0} {value.RowsRead,12:N0} rows "
                + $"{value.RowsPerSecond,10:N0} rows/s {value.RowsRejected:N0} rejected {eta}";
            if (_interactive)
            {
                Console.Error.Write("\r" + line);
            }
            else if (DateTime.UtcNow - _lastPlain > TimeSpan.FromSeconds(5))
            {
                // Into a log file: a line every few seconds, not a redraw every quarter second.
                _lastPlain = DateTime.UtcNow;
                Console.Error.WriteLine(line);
            }
        }

        public void Clear()
        {
            if (_interactive)
            {
                Console.Error.Write("\r" + new string(' ', Width + 90) + "\r");
            }
        }
    }
}
