using System.Security.Cryptography;
using System.Xml;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using Gongshu.Storage;

namespace Gongshu.Catalog.Excel;

/// <summary>
/// Imports a filled-in catalog template (<see cref="CatalogWorkbook"/>): every row of both sheets
/// is checked and every problem reported with its sheet, row and column; if there is any, nothing
/// is imported (<see cref="CatalogImportException"/>). Otherwise each 「资源」 row becomes a draft of
/// the caller's organization — all in one transaction, each with its <c>catalog.create</c>
/// transition and audit entry, plus one <c>catalog.import</c> entry for the file.
/// </summary>
public sealed class CatalogImport
{
    public const string AuditAction = "catalog.import";

    private readonly CatalogService _catalog;

    public CatalogImport(CatalogService catalog, CatalogImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
        Options = options ?? new CatalogImportOptions();
    }

    public CatalogImportOptions Options { get; }

    /// <summary>
    /// Imports an .xlsx stream for a provider admin's organization. Refusals: 403
    /// <c>catalog_forbidden</c> (not a provider admin), 413 <c>payload_too_large</c>, 400
    /// <c>not_xlsx</c>, 400 <c>too_many_rows</c>, 400 <c>catalog_import_invalid</c> with every
    /// error; each is audited as a failed <c>catalog.import</c>.
    /// </summary>
    public Task<CatalogImportResult> ImportAsync(CatalogCaller caller, Stream workbook, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        return _catalog.AuditFailureAsync(caller, AuditAction, null, async () =>
        {
            CatalogAccess.RequireProviderAdmin(caller);
            await using var upload = await Upload.ReceiveAsync(workbook, Options.MaxBytes, ct);
            var errors = new ImportErrors(Options.MaxErrors);
            var parser = new WorkbookParser(Options, errors);
            Parse(upload.Stream, parser, ct);
            await CheckAgainstCatalogAsync(caller, parser, ct);

            if (errors.Count > 0)
            {
                throw new CatalogImportException(errors.Sorted(), errors.Count);
            }

            var resources = parser.Resources;
            var drafts = resources.Select(r => (r.ClassificationCode!, r.Metadata with { Fields = r.Fields })).ToList();
            var detail = new { resources = drafts.Count, fields = parser.FieldCount, bytes = upload.Length, sha256 = upload.Sha256 };
            var created = await _catalog.CreateDraftsAsync(caller, drafts, AuditAction, detail, (i, e) => Refused(parser, errors, resources[i], e), ct);
            return new CatalogImportResult(
                created.Select((resource, i) => new ImportedResource(resources[i].Key!, resources[i].Row, resource)).ToList(),
                parser.FieldCount, upload.Sha256);
        }, ct);
    }

    private void Parse(Stream stream, WorkbookParser parser, CancellationToken ct)
    {
        try
        {
            using var reader = WorkbookReader.Open(stream, Options);
            parser.Parse(reader, ct);
        }
        catch (XmlException e) when (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            throw CatalogImportException.TooLarge($"工作簿中有一部分解压后超过 {Options.MaxPartCharacters} 个字符。",
                $"A part of the workbook holds more than {Options.MaxPartCharacters} characters once unzipped.");
        }
        catch (Exception e) when (e is XmlException or OpenXmlPackageException or InvalidDataException or IOException or FormatException)
        {
            throw CatalogImportException.NotXlsx("工作簿已损坏，无法读取；请在 Excel 中打开并重新保存。",
                $"The workbook is damaged and cannot be read ({e.Message}); open it in Excel and save it again.");
        }
    }

    /// <summary>Classifications must exist and be fine enough; names must be free in the provider's organization.</summary>
    private async Task CheckAgainstCatalogAsync(CatalogCaller caller, WorkbookParser parser, CancellationToken ct)
    {
        if (parser.Resources.Count == 0)
        {
            return;
        }

        DapperSetup.EnsureConfigured();
        await using var connection = await _catalog.Database.OpenConnectionAsync(ct);
        var classifications = new Dictionary<string, Classification?>(StringComparer.Ordinal);
        foreach (var code in parser.Resources.Select(r => r.ClassificationCode).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            classifications[code] = await Classifications.FindAsync(connection, null, code, ct);
        }

        var taken = (await connection.QueryAsync<(string Name, string Code)>(new CommandDefinition("""
            SELECT c.name, r.code FROM catalog_name_claims c JOIN catalog_resources r ON r.id = c.resource_id
            WHERE c.provider_id = @providerId
            """, new { providerId = caller.OrganizationId }, cancellationToken: ct)))
            .GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Code, StringComparer.Ordinal);

        foreach (var resource in parser.Resources)
        {
            if (resource.ClassificationCode is { } code)
            {
                if (classifications[code] is not { } classification)
                {
                    parser.ResourceError(resource, "classificationCode", "unknown_classification",
                        $"「{code}」不是目录中的信息资源分类代码（见「{CatalogWorkbook.ClassificationsSheet}」表，如 101001 人口基本信息）。",
                        $"'{code}' is not a classification code of the catalog (e.g. 101001 人口基本信息).");
                }
                else if (classification.Level < 2)
                {
                    parser.ResourceError(resource, "classificationCode", "classification_too_broad",
                        $"{classification.Code} {classification.Name} 是类；请填写其下的项、目或细目。",
                        $"{classification.Code} {classification.Name} is a 类; file the resource under one of its 项, 目 or 细目.");
                }
            }

            if (resource.Metadata.Name.Length > 0 && taken.TryGetValue(resource.Metadata.Name, out var existing))
            {
                parser.ResourceError(resource, "name", "resource_name_taken",
                    $"本单位已有名为「{resource.Metadata.Name}」的资源（{existing}）。",
                    $"Your organization already has a resource named '{resource.Metadata.Name}' ({existing}).");
            }
        }
    }

    /// <summary>
    /// A draft the catalog refused while writing (a name taken meanwhile, a related code that turns
    /// out to be the draft's own new code, a classification out of codes): the error of its row, or
    /// the refusal itself when it is not about the row.
    /// </summary>
    private static Exception Refused(WorkbookParser parser, ImportErrors errors, ParsedResource resource, GongshuException e)
    {
        string? key = e.Code switch
        {
            "resource_name_taken" => "name",
            "related_code_self" or "invalid_related_code" => "relatedCodes",
            "code_space_exhausted" or "unknown_classification" or "classification_too_broad" => "classificationCode",
            _ when e.Kind == ErrorKind.BadRequest => e.Field switch
            {
                "name" or "summary" or "keywords" or "format" or "formatSubtype" or "shareType" or "shareCondition" or "shareMethod"
                    or "legalBasis" or "openType" or "openCondition" or "updateCycle" or "relatedCodes" or "tags" => e.Field,
                _ => CatalogWorkbook.RowKey,
            },
            _ => null,
        };
        if (key is null)
        {
            return e;
        }

        var zh = e.Code switch
        {
            "resource_name_taken" => $"本单位已有名为「{resource.Metadata.Name}」的资源。",
            "related_code_self" => "关联资源代码不能是资源自身的代码（导入后该资源的代码即为此代码）。",
            "code_space_exhausted" => "该分类的顺序码已用完；请改用更细的分类。",
            _ => WorkbookParser.Chinese(e, CatalogWorkbook.ResourceColumns.First(c => c.Key == key).Header, ""),
        };
        parser.ResourceError(resource, key, e.Code, zh, e.Message);
        return new CatalogImportException(errors.Sorted(), errors.Count);
    }

    /// <summary>The upload, size-checked, hashed and seekable: the caller's stream if it can seek, else a temporary file.</summary>
    private sealed class Upload : IAsyncDisposable
    {
        private readonly bool _owned;

        private Upload(Stream stream, bool owned, long length, string sha256)
        {
            Stream = stream;
            _owned = owned;
            Length = length;
            Sha256 = sha256;
        }

        public Stream Stream { get; }

        public long Length { get; }

        public string Sha256 { get; }

        public static async Task<Upload> ReceiveAsync(Stream input, long maxBytes, CancellationToken ct)
        {
            if (input.CanSeek && input.Position == 0)
            {
                if (input.Length > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }

                var hash = await SHA256.HashDataAsync(input, ct);
                input.Position = 0;
                return new Upload(input, owned: false, input.Length, Convert.ToHexStringLower(hash));
            }

            var file = WorkbookWriter.CreateBuffer();
            try
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81_920];
                long total = 0;
                int read;
                while ((read = await input.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > maxBytes)
                    {
                        throw TooLarge(maxBytes);
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }

                file.Position = 0;
                return new Upload(file, owned: true, total, Convert.ToHexStringLower(sha.GetHashAndReset()));
            }
            catch
            {
                await file.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_owned)
            {
                await Stream.DisposeAsync();
            }
        }

        private static GongshuException TooLarge(long maxBytes)
        {
            var mb = maxBytes / (1024.0 * 1024.0);
            return CatalogImportException.TooLarge($"文件超过 {mb:0.#} MB；请分批导入。", $"The file is larger than {mb:0.#} MB; import it in parts.");
        }
    }
}
