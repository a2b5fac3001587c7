using System.Globalization;
using System.Text;
using System.Text.Json;
using Gongshu.Audit;
using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Security.Encryption;
using Gongshu.Security.Grading;
using Gongshu.Security.Masking;
using Gongshu.Storage;

namespace Gongshu.Delivery;

/// <summary>What a delivery masked and how: recorded in its audit entry and returned to the caller.</summary>
public sealed record DeliveryReceipt(string Channel, long VersionId, int PolicyVersion, string PolicyFingerprint, IReadOnlyList<string> Masking, long Rows);

/// <summary>A column of delivered data, with the grade and technique that applied to it.</summary>
public sealed record DeliveredColumn(string Name, string? Label, string Type, string? Grade, string? SensitiveType, string? Technique);

/// <summary>The first rows of a resource's data, masked for the preview channel.</summary>
public sealed record DataPreview(long ResourceId, string Code, IReadOnlyList<DeliveredColumn> Columns, IReadOnlyList<object?[]> Rows, DeliveryReceipt Receipt);

public enum DeliveryFormat
{
    Csv,
    Json,
    Xlsx,
}

/// <summary>
/// Data on its way out of the platform, outside the gateway: the preview of a dataset page and
/// file exports. Rows are read from the current version, decrypted where stored encrypted, and
/// masked by the policy in force for the channel — preview; export for the provider and platform
/// admins; open for everyone else, and only for resources open without conditions (无条件开放).
/// Rows stream from the database to the output; every delivery's audit entry names the policy
/// version and fingerprint and each column's technique.
/// </summary>
public sealed class DatasetDelivery(
    Database database, CatalogService catalog, FieldGrading grading, FieldEncryption encryption, MaskingPolicies policies,
    byte[] pseudonymKey, IAuditLog audit, TimeProvider? clock = null, Opening.OpenApplications? openApplications = null)
{
    public const int MaxPreviewRows = 50;
    private readonly DatasetStore _datasets = new(database, clock);

    public async Task<DataPreview> PreviewAsync(CatalogCaller caller, long resourceId, int rows = 10, CancellationToken ct = default)
    {
        if (rows is < 1 or > MaxPreviewRows)
        {
            throw GongshuException.Invalid("rows", $"A preview shows 1–{MaxPreviewRows} rows.", "rows_out_of_range");
        }

        var resource = await RefusalAuditedAsync(caller, "data.preview", resourceId, async () =>
        {
            var visible = await VisibleAsync(caller, resourceId, ct);
            return !caller.ManagesDataOf(visible.ProviderId) && visible.Version.Metadata.OpenType == OpenTypes.Closed
                ? throw new GongshuException(ErrorKind.Forbidden, "data_not_open",
                    $"Resource {visible.Code} is not open (不予开放): its data is shared between departments on approval only.")
                : visible;
        });

        var plan = await PlanAsync(caller, resource, MaskingChannel.Preview, ct);
        var result = new List<object?[]>(rows);
        await foreach (var row in plan.RowsAsync(_datasets, new DatasetRead(Limit: rows), ct))
        {
            result.Add(row);
        }

        var receipt = plan.Receipt(result.Count);
        await AuditAsync(caller, "data.preview", resource, receipt, null, AuditOutcome.Success);
        if (caller.ManagesDataOf(resource.ProviderId))
        {
            return new DataPreview(resource.Id, resource.Code, plan.Columns, result, receipt);
        }

        // Which fields are sensitive is the provider's to know (the grading answers others 404).
        return new DataPreview(resource.Id, resource.Code,
            plan.Columns.Select(c => c with { Grade = null, SensitiveType = null, Technique = null }).ToList(), result,
            receipt with { Masking = [] });
    }

    /// <summary>
    /// Writes the whole current dataset to <paramref name="output"/> as CSV (UTF-8 with BOM), a JSON
    /// array or an XLSX sheet, streamed row by row (XLSX through a temporary file, sent once complete).
    /// </summary>
    public async Task<DeliveryReceipt> ExportAsync(CatalogCaller caller, long resourceId, DeliveryFormat format, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (resource, channel, application) = await RefusalAuditedAsync(caller, "data.export", resourceId, () => ChooseChannelAsync(caller, resourceId, ct));
        var plan = await PlanAsync(caller, resource, channel, ct);
        long count = 0;
        try
        {
            await using var writer = format switch
            {
                DeliveryFormat.Csv => (RowWriter)new CsvRowWriter(output, plan.Columns),
                DeliveryFormat.Xlsx => new XlsxRowWriter(output, plan.Columns),
                _ => new JsonRowWriter(output, plan.Columns),
            };
            await foreach (var row in plan.RowsAsync(_datasets, new DatasetRead(), ct))
            {
                await writer.WriteAsync(row, ct);
                count++;
            }

            writer.Complete();
        }
        catch
        {
            // Whatever stopped it, rows may have left: the failed delivery is audited too.
            await AuditAsync(caller, "data.export", resource, plan.Receipt(count), format, AuditOutcome.Failed, application);
            throw;
        }

        var receipt = plan.Receipt(count);
        await AuditAsync(caller, "data.export", resource, receipt, format, AuditOutcome.Success, application);
        return receipt;
    }

    private async Task<DeliveryPlan> PlanAsync(CatalogCaller caller, CatalogResource resource, MaskingChannel channel, CancellationToken ct)
    {
        var version = await _datasets.GetCurrentAsync(resource.Code, ct)
            ?? throw new GongshuException(ErrorKind.Conflict, "no_data", $"Nothing has been loaded into resource {resource.Code} yet.");
        var graded = (await grading.GradeAsync(resource, version, ct)).Fields.ToDictionary(f => f.Field, StringComparer.Ordinal);
        var revealer = new RowRevealer(encryption, version);

        // A column no longer in the catalog's fields has no grade in force: treat it as the most sensitive (就高从严).
        var masking = revealer.Fields.Select(c => graded.TryGetValue(c.Name, out var g)
            ? new MaskingColumn(c.Name, g.EffectiveType, g.EffectiveGrade)
            : new MaskingColumn(c.Name, SensitiveType.None, DataGrade.L4)).ToList();
        var policy = await policies.CurrentAsync(ct);
        var scope = channel == MaskingChannel.Open ? "open" : $"user:{caller.UserId.ToString(CultureInfo.InvariantCulture)}";
        var masker = RowMasker.Compile(masking, channel, policy.Policy, Pseudonymizer.DeriveScopeKey(pseudonymKey, scope));
        var columns = revealer.Fields.Select((c, i) => new DeliveredColumn(c.Name, graded.TryGetValue(c.Name, out var g) ? g.Label : null,
            c.Type.Code().ToString(), masking[i].Grade.Code(), masking[i].Type.Code(), masker.Columns[i].Technique.ToString())).ToList();
        return new DeliveryPlan(version, revealer, masker, columns, channel, policy);
    }

    private Task AuditAsync(CatalogCaller caller, string action, CatalogResource resource, DeliveryReceipt receipt, DeliveryFormat? format, AuditOutcome outcome,
        long? application = null)
        => audit.AppendAsync(caller.Actor.Entry(action, resource.AuditObject, outcome, new
        {
            code = resource.Code,
            application,
            channel = receipt.Channel,
            format = format?.ToString().ToLowerInvariant(),
            version = receipt.VersionId,
            rows = receipt.Rows,
            policy = new { version = receipt.PolicyVersion, fingerprint = receipt.PolicyFingerprint },
            masking = receipt.Masking,
        }), CancellationToken.None);

    // Who gets the data, through which masking channel (and, for restricted-open data, on which approved application).
    private async Task<(CatalogResource Resource, MaskingChannel Channel, long? Application)> ChooseChannelAsync(CatalogCaller caller, long resourceId, CancellationToken ct)
    {
        var resource = await VisibleAsync(caller, resourceId, ct);
        MaskingChannel channel;
        long? application = null;
        if (caller.ManagesDataOf(resource.ProviderId))
        {
            channel = MaskingChannel.Export;
        }
        else if (resource.Version.Metadata.OpenType == OpenTypes.Open)
        {
            channel = MaskingChannel.Open;
        }
        else if (resource.Version.Metadata.OpenType == OpenTypes.Restricted && openApplications is not null
            && await openApplications.UsableApplicationAsync(caller.UserId, resource.Id, ct) is { } approved)
        {
            // The approval opens the data to its applicant exactly as open data is opened: the same masking.
            channel = MaskingChannel.Open;
            application = approved;
        }
        else
        {
            throw new GongshuException(ErrorKind.Forbidden, "data_not_open",
                $"Resource {resource.Code} is not open without conditions: apply for it (受限开放 or 共享) instead of downloading it.");
        }

        return (resource, channel, application);
    }

    /// <summary>
    /// Audits a refused preview or export (not found, not open, not approved) before passing the
    /// error on, so that probing for data shows in the audit log and its alerts.
    /// </summary>
    private async Task<T> RefusalAuditedAsync<T>(CatalogCaller caller, string action, long resourceId, Func<Task<T>> decide)
    {
        try
        {
            return await decide();
        }
        catch (GongshuException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Forbidden or ErrorKind.Conflict)
        {
            await audit.AppendAsync(caller.Actor.Entry(action, $"resource:{resourceId.ToString(CultureInfo.InvariantCulture)}", AuditOutcome.Denied,
                new { reason = e.Code }), CancellationToken.None);
            throw;
        }
    }

    // The public (no account, or only the public role) does not even learn that a closed resource exists.
    private async Task<CatalogResource> VisibleAsync(CatalogCaller caller, long resourceId, CancellationToken ct)
    {
        var resource = await catalog.GetAsync(caller, resourceId, CatalogView.Published, ct);
        if (caller.Roles.All(r => r == Role.Public) && resource.Version.Metadata.OpenType is not (OpenTypes.Open or OpenTypes.Restricted))
        {
            throw CatalogAccess.NotFound(resourceId);
        }

        return resource;
    }

    private sealed record DeliveryPlan(DatasetVersion Version, RowRevealer Revealer, RowMasker Masker, IReadOnlyList<DeliveredColumn> Columns,
        MaskingChannel Channel, SavedMaskingPolicy Policy)
    {
        public async IAsyncEnumerable<object?[]> RowsAsync(DatasetStore datasets, DatasetRead read, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var stored in datasets.ReadAsync(Version, read, ct))
            {
                var row = Revealer.Reveal(stored.Values);
                Masker.Apply(row);
                yield return row;
            }
        }

        public DeliveryReceipt Receipt(long rows) => new(Channel.Code(), Version.Id, Policy.Version, Policy.Fingerprint, Masker.Describe(), rows);
    }
}
