using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Sharing;

namespace Gongshu.Server.Web.Console.Sharing;

/// <summary>An application with the names and grades a page shows beside it, read once per page.</summary>
public sealed record ApplicationContext(
    ShareApplication Application,
    CatalogResource? Resource,
    IReadOnlyDictionary<long, Organization> Organizations,
    IReadOnlyDictionary<string, User> Deciders,
    IReadOnlyDictionary<string, DataGrade> Grades)
{
    public string ResourceName => Resource?.Version.Metadata.Name ?? Application.ResourceCode;

    public string OrganizationName(long? id) => id is { } known && Organizations.TryGetValue(known, out var organization) ? organization.Name : "—";

    public ResourceField? Field(string name) => Resource?.Version.Metadata.Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The grade in force (就高从严), else the catalog's.</summary>
    public string GradeOf(string field) => Grades.TryGetValue(field, out var grade) ? grade.Code() : Field(field)?.Grade ?? "—";

    public bool IsHigh(string field) => Grades.TryGetValue(field, out var grade) && grade >= DataGrade.L3;
}
