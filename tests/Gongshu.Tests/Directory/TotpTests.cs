using System.Text;
using Gongshu.Directories;
using Xunit;

namespace Gongshu.Tests.DirectoryTests;

public class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 Appendix B.
    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixTime, string sha1, string sha256, string sha512)
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(unixTime);
        Assert.Equal(sha1, Totp.Compute(Sha1Seed, time, 8, TotpAlgorithm.Sha1));
        Assert.Equal(sha256, Totp.Compute(Sha256Seed, time, 8, TotpAlgorithm.Sha256));
        Assert.Equal(sha512, Totp.Compute(Sha512Seed, time, 8, TotpAlgorithm.Sha512));
    }

    [Fact]
    public void Six_digit_codes_are_the_last_six_digits()
        => Assert.Equal("287082", Totp.Compute(Sha1Seed, DateTimeOffset.FromUnixTimeSeconds(59)));

    [Fact]
    public void A_code_is_accepted_one_step_either_side_and_not_two()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = Totp.TimeStep(now);
        Assert.Equal(step, Totp.MatchStep(Sha1Seed, Totp.Compute(Sha1Seed, step), now));
        Assert.Equal(step - 1, Totp.MatchStep(Sha1Seed, Totp.Compute(Sha1Seed, step - 1), now));
        Assert.Equal(step + 1, Totp.MatchStep(Sha1Seed, Totp.Compute(Sha1Seed, step + 1), now));
        Assert.Null(Totp.MatchStep(Sha1Seed, Totp.Compute(Sha1Seed, step - 2), now));
        Assert.Null(Totp.MatchStep(Sha1Seed, Totp.Compute(Sha1Seed, step + 2), now));
        Assert.Null(Totp.MatchStep(Sha1Seed, "12345", now));
        Assert.Null(Totp.MatchStep(Sha1Seed, "abcdef", now));
    }

    // RFC 4648 §10.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void Base32_matches_the_RFC_4648_test_vectors(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32.Decode(encoded.TrimEnd('=').ToLowerInvariant())));
    }

    [Fact]
    public void Base32_refuses_characters_outside_its_alphabet()
        => Assert.Equal("invalid_base32", Assert.Throws<GongshuException>(() => Base32.Decode("MZXW1")).Code);

    [Fact]
    public void The_enrolment_uri_names_the_issuer_and_only_non_default_parameters()
    {
        Assert.Equal("otpauth://totp/Gongshu:zhang.san?secret=GEZDGNBV&issuer=Gongshu", Totp.EnrolmentUri("zhang.san", "GEZDGNBV"));
        Assert.Equal("otpauth://totp/Gongshu:a%40b?secret=GEZDGNBV&issuer=Gongshu&algorithm=SHA256&digits=8",
            Totp.EnrolmentUri("a@b", "GEZDGNBV", TotpAlgorithm.Sha256, 8));
    }
}
