namespace Gongshu.Server.Http;

/// <summary>The <c>/api</c> route group every capability maps its endpoints into.</summary>
public static class ApiGroup
{
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder routes) => routes.MapGroup("/api");
}
