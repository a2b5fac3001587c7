using System.Globalization;
using Gongshu.Catalog;
using Gongshu.Directories;

namespace Gongshu.Server.Catalog;

/// <summary>An RDF term: an IRI, or a literal with a language or a datatype.</summary>
public sealed record RdfValue(string Text, bool IsIri, string? Language = null, string? Datatype = null)
{
    public static RdfValue Iri(string iri) => new(iri, true);

    public static RdfValue Zh(string text) => new(text, false, "zh");

    public static RdfValue Plain(string text) => new(text, false);

    public static RdfValue Typed(string text, string datatype) => new(text, false, null, datatype);
}

/// <summary>One subject and its statements; the Turtle and JSON-LD writers serialize the same nodes.</summary>
public sealed record RdfNode(string Iri, IReadOnlyList<(string Predicate, RdfValue Value)> Statements);

/// <summary>
/// The open catalog as DCAT (dcat, dct, foaf, vcard): a dcat:Catalog and, per resource, a
/// dcat:Dataset with its publisher (foaf:Agent), contact point (vcard:Organization) and one
/// dcat:Distribution, the platform's API. Every node has an IRI (no blank nodes), so both
/// serializations compare triple for triple.
/// </summary>
public static class DcatGraph
{
    public const string Dcat = "http://www.w3.org/ns/dcat#";
    public const string Dct = "http://purl.org/dc/terms/";
    public const string Foaf = "http://xmlns.com/foaf/0.1/";
    public const string Vcard = "http://www.w3.org/2006/vcard/ns#";
    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Type = Rdf + "type";

    public static readonly IReadOnlyList<(string Prefix, string Namespace)> Prefixes =
        [("dcat", Dcat), ("dct", Dct), ("foaf", Foaf), ("vcard", Vcard), ("xsd", Xsd), ("rdf", Rdf)];

    public static string CatalogIri(string baseUrl) => $"{baseUrl}/catalog";

    public static RdfNode Catalog(string baseUrl, DateTimeOffset modified) => new(CatalogIri(baseUrl),
    [
        (Type, RdfValue.Iri(Dcat + "Catalog")),
        (Dct + "title", RdfValue.Zh("公共数据开放目录")),
        (Dct + "description", RdfValue.Zh("公数平台发布的公共数据资源开放目录（无条件开放与受限开放）。")),
        (Dct + "language", RdfValue.Iri("http://id.loc.gov/vocabulary/iso639-1/zh")),
        (Dct + "modified", DateTime(modified)),
        (Foaf + "homepage", RdfValue.Iri(baseUrl + "/")),
    ]);

    /// <summary>The nodes of one resource: the catalog's link to it, the dataset, its publisher, contact and distribution.</summary>
    public static IEnumerable<RdfNode> Dataset(string baseUrl, CatalogResource resource, Organization? provider)
    {
        var metadata = resource.Version.Metadata;
        var name = OpenCatalog.PackageName(resource.Code);
        var iri = $"{baseUrl}/dataset/{name}";
        var publisher = $"{baseUrl}/organization/{OpenCatalog.OrganizationName(resource.ProviderId)}";
        var distribution = $"{iri}#api";
        var contact = $"{iri}#contact";

        yield return new RdfNode(CatalogIri(baseUrl), [(Dcat + "dataset", RdfValue.Iri(iri))]);

        var statements = new List<(string, RdfValue)>
        {
            (Type, RdfValue.Iri(Dcat + "Dataset")),
            (Dct + "identifier", RdfValue.Plain(resource.Code)),
            (Dct + "title", RdfValue.Zh(metadata.Name)),
            (Dct + "publisher", RdfValue.Iri(publisher)),
            (Dcat + "contactPoint", RdfValue.Iri(contact)),
            (Dcat + "distribution", RdfValue.Iri(distribution)),
            (Dcat + "landingPage", RdfValue.Iri(iri)),
            (Dct + "modified", DateTime(resource.UpdatedAt)),
            (Dct + "accessRights", RdfValue.Zh(metadata.OpenType == OpenTypes.Open ? "无条件开放" : $"受限开放：{metadata.OpenCondition}")),
            (Dcat + "theme", RdfValue.Iri($"{baseUrl}/classification/{resource.ClassificationCode}")),
        };
        if (!string.IsNullOrWhiteSpace(metadata.Summary))
        {
            statements.Add((Dct + "description", RdfValue.Zh(metadata.Summary)));
        }

        if (resource.Version.PublishDate is { } issued)
        {
            statements.Add((Dct + "issued", RdfValue.Typed(issued.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Xsd + "date")));
        }

        if (Frequency(metadata.UpdateCycle) is { } frequency)
        {
            statements.Add((Dct + "accrualPeriodicity", RdfValue.Iri(frequency)));
        }

        foreach (var keyword in metadata.Keywords.Concat(metadata.Tags).Distinct(StringComparer.Ordinal))
        {
            statements.Add((Dcat + "keyword", RdfValue.Zh(keyword)));
        }

        yield return new RdfNode(iri, statements);
        yield return new RdfNode(publisher,
        [
            (Type, RdfValue.Iri(Foaf + "Agent")),
            (Foaf + "name", RdfValue.Zh(provider?.Name ?? OpenCatalog.OrganizationName(resource.ProviderId))),
        ]);
        yield return new RdfNode(contact,
        [
            (Type, RdfValue.Iri(Vcard + "Organization")),
            (Vcard + "fn", RdfValue.Zh(provider?.Name ?? OpenCatalog.OrganizationName(resource.ProviderId))),
        ]);
        yield return new RdfNode(distribution,
        [
            (Type, RdfValue.Iri(Dcat + "Distribution")),
            (Dct + "title", RdfValue.Zh($"{metadata.Name}（接口）")),
            (Dcat + "accessURL", RdfValue.Iri($"{baseUrl}/api/3/action/package_show?id={name}")),
            (Dct + "format", RdfValue.Plain(CkanPackages.CkanFormat(metadata.Format) is { Length: > 0 } f ? f : "API")),
        ]);
    }

    private static RdfValue DateTime(DateTimeOffset at)
        => RdfValue.Typed(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture), Xsd + "dateTime");

    /// <summary>更新周期 as a Dublin Core collection frequency.</summary>
    private static string? Frequency(string? cycle) => cycle switch
    {
        "realtime" => "http://purl.org/cld/freq/continuous",
        "daily" => "http://purl.org/cld/freq/daily",
        "weekly" => "http://purl.org/cld/freq/weekly",
        "monthly" => "http://purl.org/cld/freq/monthly",
        "quarterly" => "http://purl.org/cld/freq/quarterly",
        "half_yearly" => "http://purl.org/cld/freq/semiannual",
        "yearly" => "http://purl.org/cld/freq/annual",
        "irregular" => "http://purl.org/cld/freq/irregular",
        _ => null,
    };
}
