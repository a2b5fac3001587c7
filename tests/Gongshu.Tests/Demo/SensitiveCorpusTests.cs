using Gongshu.Demo;
using Gongshu.Identifiers;
using Gongshu.Security;
using Xunit;

namespace Gongshu.Tests.Demo;

public class SensitiveCorpusTests
{
    [Fact]
    public void The_same_seed_gives_the_same_corpus_and_another_seed_another()
    {
        var first = Flatten(SensitiveCorpus.Generate(3, 50, seed: 11));

        Assert.Equal(first, Flatten(SensitiveCorpus.Generate(3, 50, seed: 11)));
        Assert.NotEqual(first, Flatten(SensitiveCorpus.Generate(3, 50, seed: 12)));
    }

    [Fact]
    public void Every_kind_has_its_columns_and_every_sensitive_type_a_kind()
    {
        var columns = SensitiveCorpus.Generate(4, 20).ToList();

        Assert.Equal(SensitiveCorpus.Kinds.Count * 4, columns.Count);
        Assert.All(columns, c => Assert.Equal(20, c.Values.Count));
        Assert.Equal(SensitiveTypes.All.Order(), SensitiveCorpus.Kinds.Select(k => k.Expected).Where(t => t != SensitiveType.None).Order());
    }

    [Fact]
    public void Values_carry_their_own_truth_so_a_mistyped_identity_number_is_none()
    {
        var values = SensitiveCorpus.Generate(20, 200).Where(c => c.Kind == "identity_number").SelectMany(c => c.Values)
            .Where(v => v.Value.Trim().Length == 18 && !v.Value.Any(char.IsWhiteSpace) && v.Value.All(char.IsAscii)).ToList();

        Assert.Contains(values, v => v.Expected == SensitiveType.None);
        Assert.All(values, v => Assert.Equal(IdentityNumber.IsValid(v.Value), v.Expected == SensitiveType.IdentityNumber));
    }

    private static List<string> Flatten(IEnumerable<SensitiveColumn> columns)
        => [.. columns.SelectMany(c => c.Values.Select(v => $"{c.Kind}|{c.Name}|{c.Label}|{c.Expected}|{v.Value}|{v.Expected}"))];
}
