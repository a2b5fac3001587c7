using Gongshu.Catalog;
using Gongshu.Directories;
using Gongshu.Governance.Tickets;

namespace Gongshu.Server.Web.Console.Provider;

/// <summary>
/// The steps of a problem ticket a user may take now, so the page offers only those buttons.
/// The same rules as <see cref="QualityTickets"/>: the service still decides, this only avoids
/// offering a button that would be refused.
/// </summary>
public static class TicketSteps
{
    public const string Accept = "accept";
    public const string Submit = "submit";
    public const string Verify = "verify";
    public const string Close = "close";
    public const string Reopen = "reopen";

    public static readonly IReadOnlyList<string> All = [Accept, Submit, Verify, Close, Reopen];

    public static IReadOnlyList<string> Allowed(CatalogCaller caller, QualityTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(ticket);
        var provider = caller.AdministersProvider(ticket.ProviderId);
        var reporter = caller.Has(Role.PlatformAdmin) || (ticket.ReporterOrganizationId is { } org && org == caller.OrganizationId);
        var steps = new List<string>();
        if (provider && ticket.State is TicketStates.Open or TicketStates.Reopened)
        {
            steps.Add(Accept);
        }

        if (provider && ticket.State == TicketStates.Rectifying)
        {
            steps.Add(Submit);
        }

        if (caller.ManagesDataOf(ticket.ProviderId) && ticket.State == TicketStates.Submitted)
        {
            steps.Add(Verify);
        }

        if (reporter && ticket.State == TicketStates.Verified)
        {
            steps.Add(Close);
        }

        if (reporter && ticket.State is TicketStates.Verified or TicketStates.Closed && ticket.Resolution != TicketResolutions.Dismissed)
        {
            steps.Add(Reopen);
        }

        return steps;
    }
}
