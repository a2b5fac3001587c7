namespace Gongshu.Catalog;

/// <summary>Whether a failing rule stops a submission or only lowers the score.</summary>
public enum RuleSeverity
{
    Blocking,
    Advisory,
}

/// <summary>One metadata rule: its stable code, severity, the points it costs, and what it asks for.</summary>
public sealed record MetadataRule(string Code, RuleSeverity Severity, int Weight, string Chinese, string English);

/// <summary>A rule that fails for one target (a property such as <c>legalBasis</c>, or <c>fields[2].length</c>).</summary>
public sealed record RuleFailure(string Rule, RuleSeverity Severity, string Target, string MessageZh, string MessageEn);

/// <summary>The standardization score (0–100) of a version and the rules it fails.</summary>
public sealed record MetadataReport(int Score, IReadOnlyList<RuleFailure> Failures)
{
    public IReadOnlyList<RuleFailure> Blocking => Failures.Where(f => f.Severity == RuleSeverity.Blocking).ToList();

    public bool CanSubmit => Failures.All(f => f.Severity != RuleSeverity.Blocking);
}

/// <summary>A submission refused because blocking rules fail; <see cref="Failures"/> lists them all.</summary>
public sealed class MetadataRulesException(IReadOnlyList<RuleFailure> failures)
    : GongshuException(ErrorKind.BadRequest, "metadata_rules_failed",
        $"The resource cannot be submitted until these are fixed: {string.Join("; ", failures.Select(f => $"{f.Target}: {f.MessageEn}"))}",
        failures.Count > 0 ? failures[0].Target : null)
{
    public IReadOnlyList<RuleFailure> Failures { get; } = failures;
}
