using System.Globalization;

namespace Gongshu.Server.Web.Shared;

public sealed partial record UiText
{
    /// <summary>English.</summary>
    public static readonly UiText En = new()
    {
        Lang = "en",
        LanguageName = "English",
        Culture = CultureInfo.GetCultureInfo("en"),
        PlatformName = "Gongshu",
        PlatformTagline = "Integrated public data platform",
        SkipToContent = "Skip to main content",
        MainNavigation = "Main navigation",
        NavHome = "Open data portal",
        NavDatasets = "Datasets",
        LanguageSwitch = "Language",
        FooterInterfaces = "Interfaces",
        FooterHealth = "Health check",
        FooterOpenApi = "OpenAPI description",
        FooterCkan = "CKAN-compatible API",
        FooterDcat = "DCAT catalog",
        FooterNote = "Gongshu is an open-source public data platform. Open data is de-identified before it leaves, and every access is audited.",

        PortalTitle = "Public open data portal",
        PortalIntro = "Browse, search and download the public data that departments open by law.",
        SearchLabel = "Search open data",
        SearchPlaceholder = "Dataset name, keyword or resource code",
        SearchButton = "Search",
        SearchInvalid = "The search is too long: at most {0} characters and {1} words.",
        FiguresHeading = "Open data at a glance",
        FigureDatasets = "Open datasets",
        FigureFields = "Open data fields",
        FigureDepartments = "Providing departments",
        FigureRows = "Rows of open data",
        LatestHeading = "Recently updated",
        AllDatasets = "All datasets",

        DatasetsTitle = "Open data catalog",
        ResultCount = "{0} datasets",
        NoResults = "No dataset matches. Try other words or fewer filters.",
        FiltersHeading = "Filters",
        ClearFilters = "Clear all filters",
        FacetProvider = "Department",
        FacetClassification = "Topic",
        FacetOpenType = "Open type",
        FacetGrade = "Grade",
        FacetUpdateCycle = "Update cycle",
        Pagination = "Pages",
        PreviousPage = "Previous",
        NextPage = "Next",
        PageOf = "Page {0} of {1}",
        UpdatedOn = "Updated {0}",

        Code = "Resource code",
        Provider = "Department",
        Classification = "Topic",
        OpenType = "Open type",
        OpenCondition = "Conditions",
        UpdateCycle = "Update cycle",
        Format = "Format",
        Grade = "Grade",
        Keywords = "Keywords",
        Tags = "Tags",
        PublishedOn = "Published",
        UpdatedAt = "Updated",
        QualityScore = "Data quality score",
        QualityNone = "Not checked yet",
        RowCount = "Rows",
        MetadataHeading = "About this dataset",
        FieldsHeading = "Fields",
        FieldName = "Name",
        FieldLabel = "Label",
        FieldType = "Type",
        FieldDescription = "Description",
        FieldKey = "Key",
        PreviewHeading = "Preview",
        PreviewNote = "The first {0} rows, de-identified under the open data rules.",
        PreviewNoData = "No data has been loaded into this dataset yet.",
        PreviewUnavailable = "This dataset has no preview.",
        DownloadHeading = "Download",
        DownloadCsv = "Download CSV",
        DownloadJson = "Download JSON",
        DownloadRestricted = "Restricted open data cannot be downloaded directly; apply for it under the conditions above.",
        ApiHeading = "API",
        ApiNote = "Fetch this dataset's metadata and data with:",
        NotFoundTitle = "Page not found",
        NotFoundText = "The page or dataset does not exist, or it is not open to the public.",
        BackToDatasets = "Back to the open data catalog",

        OpenTypeName = code => code switch { "open" => "Open", "restricted" => "Restricted", "closed" => "Closed", _ => code },
        UpdateCycleName = code => code switch
        {
            "realtime" => "Real time", "daily" => "Daily", "weekly" => "Weekly", "monthly" => "Monthly", "quarterly" => "Quarterly",
            "half_yearly" => "Half-yearly", "yearly" => "Yearly", "irregular" => "Irregular", _ => code,
        },
        GradeName = code => code switch
        {
            "L1" => "L1 not sensitive", "L2" => "L2 low", "L3" => "L3 medium", "L4" => "L4 sensitive", _ => code,
        },
        FormatName = code => code switch
        {
            "file" => "Electronic file", "spreadsheet" => "Spreadsheet", "database" => "Database", "image" => "Image",
            "media" => "Streaming media", "self_describing" => "Self-describing", "api" => "API", _ => code,
        },
    };
}
