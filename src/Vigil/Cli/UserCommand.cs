using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil user add|list|set|remove</c>: the web UI's local users, through <c>/api/v1/users</c> (admin token).</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("user", "Manage the web UI's local users (needs an admin token).");
        command.Subcommands.Add(CreateAdd(client));
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateSet(client));
        command.Subcommands.Add(CreateRemove(client));
        client.AddTo(command);
        return command;
    }

    private static Command CreateAdd(ClientOptions client)
    {
        var name = new Argument<string>("name") { Description = "the user's sign-in name" };
        var role = new Option<string>("--role") { Description = "viewer, responder or admin", Required = true };
        var person = new Option<string?>("--person") { Description = "the configured person this user is (for \"mine\" filters and the default time zone)" };
        var stdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of standard input (else it is asked twice)" };
        var command = new Command("add", "Add a user; the password is asked twice without echo, or read with --password-stdin.") { name, role, person, stdin };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var password = await PasswordReader.ReadAsync(parse.GetValue(stdin), ct);
            var body = new JsonObject { ["name"] = parse.GetValue(name), ["role"] = parse.GetValue(role), ["password"] = password, ["person"] = parse.GetValue(person) };
            var json = await c.PostJsonAsync("api/v1/users", body, ct);
            var u = JsonNode.Parse(json)!;
            Console.WriteLine(client.WantsJson(parse) ? json : $"added user {u["name"]} ({u["role"]})");
        }));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var command = new Command("list", "List the users (never their passwords).");
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/users", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var users = JsonNode.Parse(json)!.AsArray();
            var table = new Table().AddColumns("Name", "Role", "Person", "State", "Updated");
            foreach (var u in users)
            {
                table.AddRow(Markup.Escape(u!["name"]!.ToString()), Markup.Escape(u["role"]!.ToString()), Markup.Escape(u["person"]?.ToString() ?? ""),
                    u["disabled"]!.GetValue<bool>() ? "disabled" : "active", Markup.Escape(u["updatedAt"]!.ToString()));
            }
            AnsiConsole.Write(table);
            Console.WriteLine($"{users.Count} user(s)");
        }));
        return command;
    }

    private static Command CreateSet(ClientOptions client)
    {
        var name = new Argument<string>("name") { Description = "the user" };
        var role = new Option<string?>("--role") { Description = "a new role: viewer, responder or admin" };
        var person = new Option<string?>("--person") { Description = "link to this configured person (\"\" removes the link)" };
        var stdin = new Option<bool>("--password-stdin") { Description = "set a new password read from the first line of standard input" };
        var password = new Option<bool>("--password") { Description = "set a new password, asked twice without echo" };
        var disable = new Option<bool>("--disable") { Description = "disable the user: their sessions end at once" };
        var enable = new Option<bool>("--enable") { Description = "enable a disabled user" };
        var command = new Command("set", "Change a user's role, password, person or disabled state.") { name, role, person, stdin, password, disable, enable };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            if (parse.GetValue(disable) && parse.GetValue(enable))
            {
                throw new CliException("--disable and --enable: give one of them");
            }
            var body = new JsonObject();
            if (parse.GetValue(role) is { } r)
            {
                body["role"] = r;
            }
            if (parse.GetResult(person) is not null)
            {
                body["person"] = parse.GetValue(person) is { Length: > 0 } p ? p : null;
            }
            if (parse.GetValue(stdin) || parse.GetValue(password))
            {
                body["password"] = await PasswordReader.ReadAsync(parse.GetValue(stdin), ct);
            }
            if (parse.GetValue(disable) || parse.GetValue(enable))
            {
                body["disabled"] = parse.GetValue(disable);
            }
            if (body.Count == 0)
            {
                throw new CliException("nothing to change: give --role, --person, --password, --password-stdin, --disable or --enable");
            }
            var json = await c.PatchJsonAsync($"api/v1/users/{Uri.EscapeDataString(parse.GetValue(name)!)}", body, ct);
            var u = JsonNode.Parse(json)!;
            Console.WriteLine(client.WantsJson(parse) ? json
                : $"user {u["name"]}: {u["role"]}{(u["person"] is { } linked ? ", person " + linked : "")}{(u["disabled"]!.GetValue<bool>() ? ", disabled" : "")}");
        }));
        return command;
    }

    private static Command CreateRemove(ClientOptions client)
    {
        var name = new Argument<string>("name") { Description = "the user" };
        var command = new Command("remove", "Remove a user: their sessions end at once.") { name };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            await c.DeleteAsync($"api/v1/users/{Uri.EscapeDataString(parse.GetValue(name)!)}", ct);
            Console.WriteLine($"removed user {parse.GetValue(name)}");
        }));
        return command;
    }
}
