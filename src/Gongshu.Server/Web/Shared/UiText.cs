using System.Globalization;

namespace Gongshu.Server.Web.Shared;

/// <summary>
/// Every string the web pages show, one instance per language (<see cref="ZhCn"/>, <see cref="En"/>,
/// each in a file of its own). zh-CN is the default; <c>?lang=en</c> switches and a cookie keeps the choice.
/// </summary>
public sealed partial record UiText
{
    public const string CookieName = "gongshu_lang";
    private const string ItemKey = "gongshu.text";

    public static IReadOnlyList<UiText> All => [ZhCn, En];

    /// <summary>The BCP 47 tag, for <c>&lt;html lang&gt;</c>, the cookie and <c>?lang=</c>.</summary>
    public required string Lang { get; init; }

    /// <summary>The language's own name, shown on the switch to it.</summary>
    public required string LanguageName { get; init; }

    public required CultureInfo Culture { get; init; }

    public required string PlatformName { get; init; }
    public required string PlatformTagline { get; init; }
    public required string SkipToContent { get; init; }
    public required string MainNavigation { get; init; }
    public required string NavHome { get; init; }
    public required string NavDatasets { get; init; }
    public required string LanguageSwitch { get; init; }
    public required string FooterInterfaces { get; init; }
    public required string FooterHealth { get; init; }
    public required string FooterOpenApi { get; init; }
    public required string FooterCkan { get; init; }
    public required string FooterDcat { get; init; }
    public required string FooterNote { get; init; }

    public required string PortalTitle { get; init; }
    public required string PortalIntro { get; init; }
    public required string SearchLabel { get; init; }
    public required string SearchPlaceholder { get; init; }
    public required string SearchButton { get; init; }
    public required string SearchInvalid { get; init; }
    public required string FiguresHeading { get; init; }
    public required string FigureDatasets { get; init; }
    public required string FigureFields { get; init; }
    public required string FigureDepartments { get; init; }
    public required string FigureRows { get; init; }
    public required string LatestHeading { get; init; }
    public required string AllDatasets { get; init; }

    public required string DatasetsTitle { get; init; }
    public required string ResultCount { get; init; }
    public required string NoResults { get; init; }
    public required string FiltersHeading { get; init; }
    public required string ClearFilters { get; init; }
    public required string FacetProvider { get; init; }
    public required string FacetClassification { get; init; }
    public required string FacetOpenType { get; init; }
    public required string FacetGrade { get; init; }
    public required string FacetUpdateCycle { get; init; }
    public required string Pagination { get; init; }
    public required string PreviousPage { get; init; }
    public required string NextPage { get; init; }
    public required string PageOf { get; init; }
    public required string UpdatedOn { get; init; }

    public required string Code { get; init; }
    public required string Provider { get; init; }
    public required string Classification { get; init; }
    public required string OpenType { get; init; }
    public required string OpenCondition { get; init; }
    public required string UpdateCycle { get; init; }
    public required string Format { get; init; }
    public required string Grade { get; init; }
    public required string Keywords { get; init; }
    public required string Tags { get; init; }
    public required string PublishedOn { get; init; }
    public required string UpdatedAt { get; init; }
    public required string QualityScore { get; init; }
    public required string QualityNone { get; init; }
    public required string RowCount { get; init; }
    public required string MetadataHeading { get; init; }
    public required string FieldsHeading { get; init; }
    public required string FieldName { get; init; }
    public required string FieldLabel { get; init; }
    public required string FieldType { get; init; }
    public required string FieldDescription { get; init; }
    public required string FieldKey { get; init; }
    public required string PreviewHeading { get; init; }
    public required string PreviewNote { get; init; }
    public required string PreviewNoData { get; init; }
    public required string PreviewUnavailable { get; init; }
    public required string DownloadHeading { get; init; }
    public required string DownloadCsv { get; init; }
    public required string DownloadJson { get; init; }
    public required string DownloadRestricted { get; init; }
    public required string DownloadXlsx { get; init; }
    public required string ApplyForData { get; init; }
    public required string ApplySignInNote { get; init; }
    public required string RegisterToApply { get; init; }
    public required string DownloadApproved { get; init; }
    public required string ApiHeading { get; init; }
    public required string ApiNote { get; init; }
    public required string NotFoundTitle { get; init; }
    public required string NotFoundText { get; init; }
    public required string BackToDatasets { get; init; }

    public required Func<string, string> OpenTypeName { get; init; }
    public required Func<string, string> UpdateCycleName { get; init; }
    public required Func<string, string> GradeName { get; init; }
    public required Func<string, string> FormatName { get; init; }

    /// <summary>Formats one of the strings above that has <c>{0}</c>-style holes, in this language's culture.</summary>
    public string Fill(string pattern, params object?[] values) => string.Format(Culture, pattern, values);

    public string Number(long value) => value.ToString("N0", Culture);

    public string Date(DateTimeOffset at) => at.ToOffset(Gongshu.Catalog.ResourceVersion.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static UiText? Find(string? lang) => All.FirstOrDefault(t => string.Equals(t.Lang, lang, StringComparison.OrdinalIgnoreCase)
        || string.Equals(t.Lang.Split('-')[0], lang, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Of a section's own string tables (one per language, like this one), the one in this
    /// request's language: the language is chosen here only.
    /// </summary>
    public static T Pick<T>(HttpContext context, T zhCn, T en) => For(context).Lang == En.Lang ? en : zhCn;

    /// <summary>The language of this request: <c>?lang=</c>, then the cookie, then zh-CN.</summary>
    public static UiText For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var chosen) && chosen is UiText text)
        {
            return text;
        }

        text = Find(context.Request.Query["lang"]) ?? Find(context.Request.Cookies[CookieName]) ?? ZhCn;
        context.Items[ItemKey] = text;
        return text;
    }
}
