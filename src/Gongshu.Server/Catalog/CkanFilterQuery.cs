using System.Globalization;
using System.Text;
using Gongshu.Catalog;
using Gongshu.Catalog.Search;

namespace Gongshu.Server.Catalog;

/// <summary>
/// The part of Solr's filter syntax CKAN clients send in <c>fq</c>: <c>field:value</c> or
/// <c>field:"quoted value"</c> terms (optionally with a leading <c>+</c>), all of which must hold.
/// Fields are CKAN's (<c>organization</c>, <c>tags</c>, <c>res_format</c>) and Gongshu's extras
/// (<c>share_type</c>, <c>open_type</c>, <c>grade</c>, <c>update_cycle</c>, <c>classification</c>, <c>division</c>).
/// </summary>
public sealed class CkanFilterQuery
{
    private readonly List<(string Field, string Value)> _terms = [];

    public static CkanFilterQuery Parse(string? fq)
    {
        var filter = new CkanFilterQuery();
        if (string.IsNullOrWhiteSpace(fq))
        {
            return filter;
        }

        var i = 0;
        while (i < fq.Length)
        {
            while (i < fq.Length && (char.IsWhiteSpace(fq[i]) || fq[i] == '+'))
            {
                i++;
            }

            if (i >= fq.Length)
            {
                break;
            }

            var colon = fq.IndexOf(':', i);
            if (colon < 0)
            {
                throw Invalid($"'{fq[i..]}' is not a field:value filter.");
            }

            var field = fq[i..colon].Trim();
            i = colon + 1;
            var value = new StringBuilder();
            if (i < fq.Length && fq[i] == '"')
            {
                i++;
                while (i < fq.Length && fq[i] != '"')
                {
                    if (fq[i] == '\\' && i + 1 < fq.Length)
                    {
                        i++;
                    }

                    value.Append(fq[i++]);
                }

                if (i >= fq.Length)
                {
                    throw Invalid("A quoted filter value is not closed.");
                }

                i++;
            }
            else
            {
                while (i < fq.Length && !char.IsWhiteSpace(fq[i]))
                {
                    value.Append(fq[i++]);
                }
            }

            Facet(field);
            filter._terms.Add((field, value.ToString()));
        }

        return filter;
    }

    /// <summary>The search facet behind a CKAN field name; an unknown field is a validation error.</summary>
    public static string Facet(string field) => field switch
    {
        "organization" or "owner_org" => CatalogFacet.Provider,
        "tags" => CatalogFacet.Tag,
        "res_format" => CatalogFacet.Format,
        "share_type" => CatalogFacet.ShareType,
        "open_type" => CatalogFacet.OpenType,
        "grade" => CatalogFacet.Grade,
        "update_cycle" => CatalogFacet.UpdateCycle,
        "classification" or "groups" => CatalogFacet.Classification,
        "division" => CatalogFacet.Division,
        _ => throw Invalid($"Filtering or faceting on '{field}' is not supported; use organization, tags, res_format, share_type, open_type, grade, update_cycle, classification or division."),
    };

    /// <summary>A facet value as CKAN shows it: organizations by name, formats in CKAN's upper case.</summary>
    public static string FacetValue(string field, string value) => field switch
    {
        "organization" or "owner_org" => long.TryParse(value, CultureInfo.InvariantCulture, out var id) ? OpenCatalog.OrganizationName(id) : value,
        "res_format" => CkanPackages.CkanFormat(value) is { Length: > 0 } format ? format : value,
        _ => value,
    };

    public CatalogQuery Apply(CatalogQuery query)
    {
        foreach (var (field, value) in _terms)
        {
            query = Facet(field) switch
            {
                CatalogFacet.Provider => query with { ProviderIds = [.. query.ProviderIds, OrganizationId(value)] },
                CatalogFacet.Tag => query with { Tags = [.. query.Tags, value] },
                CatalogFacet.Format => query with { Formats = [.. query.Formats, FormatCode(value)] },
                CatalogFacet.ShareType => query with { ShareTypes = [.. query.ShareTypes, value] },
                CatalogFacet.OpenType => query with { OpenTypes = [.. query.OpenTypes, value] },
                CatalogFacet.Grade => query with { Grades = [.. query.Grades, value] },
                CatalogFacet.UpdateCycle => query with { UpdateCycles = [.. query.UpdateCycles, value] },
                CatalogFacet.Classification => query with { ClassificationPrefix = value },
                _ => query with { DivisionCodes = [.. query.DivisionCodes, value] },
            };
        }

        return query;
    }

    private static long OrganizationId(string value)
    {
        var number = value.StartsWith("org-", StringComparison.Ordinal) ? value[4..] : value;
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw Invalid($"'{value}' is not an organization name (org-N).");
    }

    private static string FormatCode(string value)
        => ResourceFormats.List.Terms.FirstOrDefault(t => t.Code == value || string.Equals(CkanPackages.CkanFormat(t.Code), value, StringComparison.OrdinalIgnoreCase))?.Code ?? value;

    private static GongshuException Invalid(string message) => GongshuException.Invalid("fq", message);
}
