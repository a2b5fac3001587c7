using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Directories;

namespace Gongshu.Server.Catalog;

/// <summary>
/// A catalog resource in CKAN's package shape, so CKAN harvesters and clients read Gongshu
/// unchanged. What CKAN has no field for travels in <c>extras</c> (share type, grade, …).
/// </summary>
public static class CkanPackages
{
    public static Dictionary<string, object?> Package(CatalogResource resource, Organization? provider, string baseUrl)
    {
        var metadata = resource.Version.Metadata;
        var name = OpenCatalog.PackageName(resource.Code);
        var tags = metadata.Keywords.Concat(metadata.Tags).Distinct(StringComparer.Ordinal)
            .Select(t => new Dictionary<string, object?> { ["name"] = t, ["display_name"] = t, ["state"] = "active" }).ToList();
        return new Dictionary<string, object?>
        {
            ["id"] = name,
            ["name"] = name,
            ["title"] = metadata.Name,
            ["notes"] = metadata.Summary,
            ["type"] = "dataset",
            ["state"] = "active",
            ["private"] = false,
            ["version"] = resource.Version.VersionNo.ToString(CultureInfo.InvariantCulture),
            ["url"] = $"{baseUrl}/dataset/{name}",
            ["license_id"] = null,
            ["author"] = provider?.Name,
            ["maintainer"] = provider?.Name,
            ["metadata_created"] = CkanTime(resource.CreatedAt),
            ["metadata_modified"] = CkanTime(resource.UpdatedAt),
            ["owner_org"] = OpenCatalog.OrganizationName(resource.ProviderId),
            ["organization"] = provider is null ? null : Organization(provider, packageCount: null),
            ["groups"] = Array.Empty<object>(),
            ["tags"] = tags,
            ["num_tags"] = tags.Count,
            ["resources"] = Distributions(resource, name, baseUrl),
            ["num_resources"] = 1,
            ["extras"] = Extras(resource),
        };
    }

    public static Dictionary<string, object?> Organization(Organization organization, long? packageCount) => new()
    {
        ["id"] = OpenCatalog.OrganizationName(organization.Id),
        ["name"] = OpenCatalog.OrganizationName(organization.Id),
        ["title"] = organization.Name,
        ["display_name"] = organization.Name,
        ["description"] = $"{organization.Name}（行政区划代码 {organization.DivisionCode}）",
        ["type"] = "organization",
        ["is_organization"] = true,
        ["state"] = "active",
        ["approval_status"] = "approved",
        ["image_url"] = "",
        ["created"] = CkanTime(organization.CreatedAt),
        ["package_count"] = packageCount,
    };

    /// <summary>One distribution: the platform's API for the resource (the data itself is served by the gateway on a grant or by the portal).</summary>
    private static List<Dictionary<string, object?>> Distributions(CatalogResource resource, string name, string baseUrl) =>
    [
        new()
        {
            ["id"] = $"{name}-api",
            ["package_id"] = name,
            ["name"] = resource.Version.Metadata.Name,
            ["description"] = resource.Version.Metadata.Summary,
            ["format"] = CkanFormat(resource.Version.Metadata.Format),
            ["url"] = $"{baseUrl}/api/3/action/package_show?id={name}",
            ["state"] = "active",
            ["created"] = CkanTime(resource.CreatedAt),
            ["last_modified"] = CkanTime(resource.UpdatedAt),
        },
    ];

    private static List<Dictionary<string, string>> Extras(CatalogResource resource)
    {
        var metadata = resource.Version.Metadata;
        var extras = new List<Dictionary<string, string>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                extras.Add(new() { ["key"] = key, ["value"] = value });
            }
        }

        Add("resource_code", resource.Code);
        Add("classification_code", resource.ClassificationCode);
        Add("share_type", metadata.ShareType);
        Add("share_condition", metadata.ShareCondition);
        Add("share_method", metadata.ShareMethod);
        Add("open_type", metadata.OpenType);
        Add("open_condition", metadata.OpenCondition);
        Add("update_cycle", metadata.UpdateCycle);
        Add("grade", metadata.Grade);
        Add("format_subtype", metadata.FormatSubtype);
        Add("publish_date", resource.Version.PublishDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("related_codes", metadata.RelatedCodes.Count == 0 ? null : string.Join(",", metadata.RelatedCodes));
        Add("fields", string.Join(",", metadata.Fields.Select(f => f.Label is null ? f.Name : $"{f.Name}:{f.Label}")));
        return extras;
    }

    /// <summary>CKAN's timestamp form: ISO 8601 in UTC without an offset.</summary>
    public static string CkanTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static string CkanFormat(string? format) => format switch
    {
        ResourceFormats.Spreadsheet => "XLSX",
        ResourceFormats.Database => "TABLE",
        ResourceFormats.Api => "API",
        ResourceFormats.Image => "IMAGE",
        ResourceFormats.Media => "MEDIA",
        ResourceFormats.SelfDescribing => "JSON",
        ResourceFormats.File => "FILE",
        _ => "",
    };
}
