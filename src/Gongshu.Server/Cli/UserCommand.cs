using System.CommandLine;
using Gongshu.Directories;
using Gongshu.Server.Platform;

namespace Gongshu.Server.Cli;

/// <summary><c>gongshu user</c>: accounts from the command line, e.g. the first platform admin.</summary>
public static class UserCommand
{
    public static Command Create()
    {
        var command = new Command("user", "User accounts");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Unlock());
        return command;
    }

    private static Command Add()
    {
        var username = new Option<string>("--username") { Description = "Sign-in name: 3–64 letters, digits, '.', '_', '-', '@'", Required = true };
        var name = new Option<string>("--name") { Description = "Display name, e.g. 张伟", Required = true };
        var org = new Option<string>("--org") { Description = "Organization: division code (330000), id:N, or exact name", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = "Role, repeatable: platform_admin, provider_admin, consumer, auditor, public",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var password = new Option<string?>("--password")
        {
            Description = "Initial password; when absent it is read from the first line of standard input (keeps it out of shell history)",
        };
        var command = new Command("add", "Create a user. Users with any role but public enrol an authenticator app at first sign-in.")
        {
            username, name, org, roles, password,
        };
        command.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            var secret = result.GetValue(password);
            if (string.IsNullOrEmpty(secret))
            {
                if (!Console.IsInputRedirected)
                {
                    await Console.Error.WriteAsync("Password: ");
                }

                secret = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
                if (string.IsNullOrEmpty(secret))
                {
                    throw GongshuException.Invalid("password", "Give a password with --password or on standard input.");
                }
            }

            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            var organization = await OrganizationArgument.ResolveAsync(platform, result.GetValue(org)!, ct);
            var parsed = result.GetValue(roles)!.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(Roles.Parse).ToList();
            var user = await platform.Users.CreateAsync(result.GetValue(username)!, result.GetValue(name)!, organization.Id, parsed, secret, Actor.System, ct);
            Console.WriteLine($"Created user {user.Username} (id:{user.Id}) in {organization.Name} with roles {string.Join(", ", user.Roles.Select(r => r.Code()))}.");
            if (user.MustEnrolTotp)
            {
                Console.WriteLine("At the first sign-in the user sets up an authenticator app (TOTP) before anything else.");
            }

            return 0;
        }));
        return command;
    }

    private static Command Unlock()
    {
        var username = new Argument<string>("username");
        var command = new Command("unlock", "Clear a lockout after repeated failed sign-ins") { username };
        command.SetAction((result, ct) => CommonOptions.RunAsync(async () =>
        {
            await using var platform = await PlatformServices.OpenAsync(CommonOptions.Settings(result), migrate: false, ct);
            var user = await platform.Users.FindByUsernameAsync(result.GetValue(username)!, ct)
                ?? throw GongshuException.NotFound($"User '{result.GetValue(username)}'", "user_not_found");
            await platform.Users.UnlockAsync(user.Id, Actor.System, ct);
            Console.WriteLine($"Unlocked {user.Username}.");
            return 0;
        }));
        return command;
    }
}
