using Gongshu.Directories;

namespace Gongshu.Server.Web.Console;

/// <summary>
/// The console's sections, by role: one list, so the side navigation, the overview page and the
/// tests agree on where each task lives. A user with several roles sees each role's sections.
/// </summary>
public static class ConsoleNavigation
{
    public sealed record Section(string Path, string ZhCn, string En, Role Role)
    {
        public string Name(ConsoleText words) => ReferenceEquals(words, ConsoleText.En) ? En : ZhCn;
    }

    public static readonly IReadOnlyList<Section> Sections =
    [
        new("/console/resources", "我的资源", "My resources", Role.ProviderAdmin),
        new("/console/quality", "质量报告与工单", "Quality reports and tickets", Role.ProviderAdmin),
        new("/console/approvals", "待我审批", "Awaiting my approval", Role.ProviderAdmin),
        new("/console/open-applications", "受限开放申请", "Restricted-open applications", Role.ProviderAdmin),

        new("/console/applications", "我的申请", "My applications", Role.Consumer),
        new("/console/grants", "授权与凭证", "Grants and credentials", Role.Consumer),
        new("/console/calls", "调用统计", "Call statistics", Role.Consumer),

        new("/console/review", "审核队列", "Review queue", Role.PlatformAdmin),
        new("/console/deadlines", "时限看板", "Deadline board", Role.PlatformAdmin),
        new("/console/organizations", "单位与用户", "Organizations and users", Role.PlatformAdmin),
        new("/console/policies", "分级与脱敏策略", "Grading and masking policies", Role.PlatformAdmin),

        new("/console/audit", "审计日志", "Audit log", Role.Auditor),
        new("/console/alerts", "安全告警", "Security alerts", Role.Auditor),

        new("/console/open-applications", "受限开放申请", "Restricted-open applications", Role.Public),
    ];

    /// <summary>The cockpit is for every government role; the public has the portal.</summary>
    public const string CockpitPath = "/cockpit";

    public static IEnumerable<Section> For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Sections.Where(s => context.User.IsInRole(s.Role.Code()));
    }
}
