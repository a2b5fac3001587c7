using Gongshu.Directories;
using Gongshu.Security;
using Gongshu.Storage;
using Gongshu.Tests.Support;

namespace Gongshu.Tests.DirectoryTests;

/// <summary>
/// A migrated database, a key store in a temporary folder, a manual clock, a recording audit log
/// and the directory services wired to them; plus a small organization tree
/// (浙江省 → 杭州市 → 西湖区) when asked.
/// </summary>
public sealed class DirectoryHarness : IAsyncDisposable
{
    public const string GoodPassword = "Xihu-Lake-2025";

    private readonly string _keysDirectory;

    private DirectoryHarness(TestDatabase test, string keysDirectory)
    {
        Test = test;
        _keysDirectory = keysDirectory;
        Keys = KeyStore.Open(keysDirectory, createMissing: true);
        Organizations = new OrganizationService(Database, Audit, Clock);
        Users = new UserService(Database, Audit, Clock);
        Totp = new TotpService(Database, Keys, Audit, Clock);
        Authentication = new AuthenticationService(Database, Totp, Audit, Clock);
        Credentials = new CredentialService(Database, Keys, Audit, Clock);
        Verifier = new SignatureVerifier(Database, Keys, Audit, Clock);
        Credentials.Revoked += Verifier.Forget; // as the platform wires them
    }

    public TestDatabase Test { get; }

    public Database Database => Test.Database;

    public ManualClock Clock { get; } = new();

    public RecordingAuditLog Audit { get; } = new();

    public KeyStore Keys { get; }

    public OrganizationService Organizations { get; }

    public UserService Users { get; }

    public TotpService Totp { get; }

    public AuthenticationService Authentication { get; }

    public CredentialService Credentials { get; }

    public SignatureVerifier Verifier { get; }

    public Organization? Zhejiang { get; private set; }

    public Organization? Hangzhou { get; private set; }

    public Organization? Xihu { get; private set; }

    public static async Task<DirectoryHarness> CreateAsync(DatabaseKind kind, bool withTree = true)
    {
        var keys = Path.Combine(Path.GetTempPath(), "gongshu-tests", "keys-" + Guid.NewGuid().ToString("N"));
        var harness = new DirectoryHarness(await TestDatabase.CreateAsync(kind), keys);
        if (withTree)
        {
            harness.Zhejiang = await harness.Organizations.CreateRegionAsync("330000", Actor.System);
            harness.Hangzhou = await harness.Organizations.CreateRegionAsync("330100", Actor.System);
            harness.Xihu = await harness.Organizations.CreateRegionAsync("330106", Actor.System);
        }

        return harness;
    }

    public Task<User> CreateUserAsync(string username, long organizationId, params Role[] roles)
        => Users.CreateAsync(username, "测试用户 " + username, organizationId, roles.Length == 0 ? [Role.Consumer] : roles, GoodPassword, Actor.System);

    /// <summary>Enrols TOTP for a user and returns the raw seed, confirming with the current code.</summary>
    public async Task<byte[]> EnrolTotpAsync(long userId)
    {
        var enrolment = await Totp.BeginEnrolmentAsync(userId, Actor.System);
        var seed = Base32.Decode(enrolment.SecretBase32);
        await Totp.ConfirmEnrolmentAsync(userId, Gongshu.Directories.Totp.Compute(seed, Clock.GetUtcNow()), Actor.System);
        return seed;
    }

    /// <summary>A 6-digit code that is not valid for <paramref name="seed"/> at any step of the current window.</summary>
    public string WrongCode(byte[] seed)
        => new[] { "000000", "111111", "222222", "333333" }
            .First(c => Gongshu.Directories.Totp.MatchStep(seed, c, Clock.GetUtcNow()) is null);

    public async ValueTask DisposeAsync()
    {
        await Test.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_keysDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }
}
