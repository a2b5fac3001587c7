using System.Text;
using Gongshu.Security;
using Gongshu.Security.Crypto;
using Gongshu.Security.Masking;
using Xunit;

namespace Gongshu.Tests.Security.Masking;

public class PseudonymizerTests
{
    private static readonly byte[] PlatformKey = Encoding.ASCII.GetBytes("platform key of the test, 32 b.");

    [Fact]
    public void The_same_value_gets_the_same_token_within_a_scope()
    {
        var key = Pseudonymizer.DeriveScopeKey(PlatformKey, "grant:42");
        var token = new Pseudonymizer(key).Token("11010519491231002X");
        Assert.Equal(token, new Pseudonymizer(Pseudonymizer.DeriveScopeKey(PlatformKey, "grant:42")).Token("11010519491231002X"));
        Assert.StartsWith(Pseudonymizer.TokenPrefix, token);
        Assert.Equal(Pseudonymizer.TokenLength, token.Length);
        Assert.Matches("^ps_[0-9a-f]{32}$", token);
    }

    [Fact]
    public void Other_scopes_and_other_values_get_other_tokens()
    {
        var grant42 = new Pseudonymizer(Pseudonymizer.DeriveScopeKey(PlatformKey, "grant:42"));
        var grant43 = new Pseudonymizer(Pseudonymizer.DeriveScopeKey(PlatformKey, "grant:43"));
        var otherPlatform = new Pseudonymizer(Pseudonymizer.DeriveScopeKey(Encoding.ASCII.GetBytes("another platform's key, 32 byte"), "grant:42"));
        var token = grant42.Token("11010519491231002X");
        Assert.NotEqual(token, grant43.Token("11010519491231002X"));
        Assert.NotEqual(token, otherPlatform.Token("11010519491231002X"));
        Assert.NotEqual(token, grant42.Token("110105194912310011"));
    }

    [Fact]
    public void The_token_is_the_first_half_of_hmac_sm3_of_the_value_under_the_scope_key()
    {
        var key = Pseudonymizer.DeriveScopeKey(PlatformKey, "consumer:7");
        Assert.Equal(BouncyCastleReference.HmacSm3(PlatformKey, Encoding.UTF8.GetBytes("gongshu/pseudonym-scope/v1\nconsumer:7")), key);
        var mac = BouncyCastleReference.HmacSm3(key, Encoding.UTF8.GetBytes("张三"));
        Assert.Equal("ps_" + Convert.ToHexStringLower(mac.AsSpan(0, 16)), new Pseudonymizer(key).Token("张三"));
    }

    [Fact]
    public void Spellings_of_one_value_get_one_token()
    {
        var pseudonymizer = new Pseudonymizer(Pseudonymizer.DeriveScopeKey(PlatformKey, "grant:42"));
        Assert.Equal(pseudonymizer.Token("11010519491231002X", SensitiveType.IdentityNumber), pseudonymizer.Token(" 11010519491231002x ", SensitiveType.IdentityNumber));
        Assert.Equal(pseudonymizer.Token("Zhang.San@Example.com", SensitiveType.Email), pseudonymizer.Token("zhang.san@example.com", SensitiveType.Email));
        Assert.Equal(pseudonymizer.Token("浙a12345", SensitiveType.PlateNumber), pseudonymizer.Token("浙A12345", SensitiveType.PlateNumber));
        Assert.NotEqual(pseudonymizer.Token("Abc"), pseudonymizer.Token("abc"));
    }

    [Fact]
    public void Long_values_are_pseudonymized_too()
    {
        var pseudonymizer = new Pseudonymizer(Pseudonymizer.DeriveScopeKey(PlatformKey, "grant:42"));
        var longText = string.Concat(Enumerable.Repeat("浙江省杭州市西湖区", 200));
        var key = Pseudonymizer.DeriveScopeKey(PlatformKey, "grant:42");
        Assert.Equal("ps_" + Convert.ToHexStringLower(BouncyCastleReference.HmacSm3(key, Encoding.UTF8.GetBytes(longText)).AsSpan(0, 16)), pseudonymizer.Token(longText));
    }

    [Fact]
    public void Short_keys_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new Pseudonymizer(new byte[15]));
        Assert.Throws<ArgumentException>(() => Pseudonymizer.DeriveScopeKey(new byte[8], "grant:1"));
        Assert.Throws<ArgumentException>(() => Pseudonymizer.DeriveScopeKey(PlatformKey, " "));
    }
}
