using System.Globalization;

namespace Gongshu.Server.Web.Console.Opening;

/// <summary>Where the restricted-open application pages live.</summary>
public static class OpenApplicationLinks
{
    public const string ListPath = "/console/open-applications";

    public static string Detail(long id) => ListPath + "/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Apply(long resourceId) => "/datasets/" + resourceId.ToString(CultureInfo.InvariantCulture) + "/apply";

    public static string Export(long resourceId, string format)
        => "/api/data/resources/" + resourceId.ToString(CultureInfo.InvariantCulture) + "/export?format=" + format;
}
