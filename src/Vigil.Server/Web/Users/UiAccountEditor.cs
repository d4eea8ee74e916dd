using Microsoft.AspNetCore.Identity;
using Vigil.Server.Audit;
using Vigil.Server.Config;
using Vigil.Server.Security;
using Vigil.Server.Storage;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Users;

/// <summary>Creates, changes and removes UI users: validated (4xx naming the field), stored and audited (object type
/// <c>user</c>) in one transaction; and checks a password at sign-in. Used by the API, the CLI (through the API) and the
/// Users page alike.</summary>
public sealed class UiAccountEditor(UiAccountStore store, AuditLog audit, Database db, ConfigHolder config, TimeProvider clock)
{
    public const string AuditType = "user";

    private static readonly PasswordHasher<UiAccount> Hasher = new();

    /// <summary>The outcome: the user, or an HTTP status and a message naming the field.</summary>
    public sealed record Outcome(UiAccount? Account, int Status, string? Error);

    public async Task<Outcome> CreateAsync(string? name, string? role, string? password, string? person, Caller caller, CancellationToken ct)
    {
        if (UiAccountRules.CheckName(name) is { } nameError)
        {
            return Bad(nameError);
        }
        if (!UiRoles.TryParse(role, out var parsedRole))
        {
            return Bad(RoleError(role));
        }
        if (UiAccountRules.CheckPassword(password) is { } passwordError)
        {
            return Bad(passwordError);
        }
        var linked = string.IsNullOrWhiteSpace(person) ? null : person.Trim();
        if (PersonError(linked) is { } personError)
        {
            return Bad(personError);
        }
        var now = clock.GetUtcNow();
        var account = new UiAccount(name!, "", parsedRole, linked, false, now, now);
        account = account with { PasswordHash = Hasher.HashPassword(account, password!) };
        var added = await db.WriteAsync(async (conn, tx) =>
        {
            if (!await UiAccountStore.TryInsertAsync(conn, tx, account, ct).ConfigureAwait(false))
            {
                return false;
            }
            await audit.AppendAsync(conn, tx, caller, "create", AuditType, account.Name, null, UiAccountJson.Audit(account, true), ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        return added ? new Outcome(account, 201, null) : new Outcome(null, 409, $"name: a user named \"{name}\" already exists");
    }

    public async Task<Outcome> ChangeAsync(string name, UiAccountChange change, Caller caller, CancellationToken ct)
    {
        if (UiAccountRules.CheckName(name) is not null)
        {
            return NotFound(name);
        }
        UiRole? role = null;
        if (change.Role is not null)
        {
            role = UiRoles.TryParse(change.Role, out var r) ? r : null;
            if (role is null)
            {
                return Bad(RoleError(change.Role));
            }
        }
        if (change.Password is not null && UiAccountRules.CheckPassword(change.Password) is { } passwordError)
        {
            return Bad(passwordError);
        }
        var linked = string.IsNullOrWhiteSpace(change.Person) ? null : change.Person.Trim();
        if (change.SetPerson && PersonError(linked) is { } personError)
        {
            return Bad(personError);
        }
        var now = clock.GetUtcNow();
        var changed = await db.WriteAsync(async (conn, tx) =>
        {
            if (await UiAccountStore.FindAsync(conn, tx, name, ct).ConfigureAwait(false) is not { } before)
            {
                return null;
            }
            var after = before with
            {
                Role = role ?? before.Role,
                Person = change.SetPerson ? linked : before.Person,
                Disabled = change.Disabled ?? before.Disabled,
                UpdatedAt = now,
            };
            if (change.Password is not null)
            {
                after = after with { PasswordHash = Hasher.HashPassword(after, change.Password) };
            }
            await UiAccountStore.UpdateAsync(conn, tx, after, ct).ConfigureAwait(false);
            await audit.AppendAsync(conn, tx, caller, "update", AuditType, name, UiAccountJson.Audit(before, false),
                UiAccountJson.Audit(after, change.Password is not null), ct).ConfigureAwait(false);
            return after;
        }, ct).ConfigureAwait(false);
        return changed is null ? NotFound(name) : new Outcome(changed, 200, null);
    }

    public async Task<Outcome> RemoveAsync(string name, Caller caller, CancellationToken ct)
    {
        // A name no user can have (a NUL, say, which PostgreSQL cannot even compare) is simply not found.
        if (UiAccountRules.CheckName(name) is not null)
        {
            return NotFound(name);
        }
        var removed = await db.WriteAsync(async (conn, tx) =>
        {
            if (await UiAccountStore.FindAsync(conn, tx, name, ct).ConfigureAwait(false) is not { } before
                || !await UiAccountStore.DeleteAsync(conn, tx, name, ct).ConfigureAwait(false))
            {
                return null;
            }
            await audit.AppendAsync(conn, tx, caller, "delete", AuditType, name, UiAccountJson.Audit(before, false), null, ct).ConfigureAwait(false);
            return before;
        }, ct).ConfigureAwait(false);
        return removed is null ? NotFound(name) : new Outcome(removed, 200, null);
    }

    /// <summary>The user when <paramref name="password"/> is theirs and they are not disabled; else null (the caller
    /// must not say which of the two failed). An unknown name still costs one hash, so timing does not tell either.</summary>
    public async Task<UiAccount?> VerifyAsync(string name, string password, CancellationToken ct)
    {
        var account = UiAccountRules.CheckName(name) is null ? await store.FindAsync(name, ct).ConfigureAwait(false) : null;
        if (account is null)
        {
            Hasher.VerifyHashedPassword(Decoy, Decoy.PasswordHash, password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        return result is PasswordVerificationResult.Failed || account.Disabled ? null : account;
    }

    private static readonly UiAccount Decoy = MakeDecoy();

    private static UiAccount MakeDecoy()
    {
        var decoy = new UiAccount("-", "", UiRole.Viewer, null, true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return decoy with { PasswordHash = Hasher.HashPassword(decoy, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))) };
    }

    private string? PersonError(string? person) =>
        person is null || config.Current.Oncall.People.ContainsKey(person) ? null : $"person: no person \"{person}\" in the configuration's people";

    private static string RoleError(string? role) =>
        role is null ? "role: required (viewer, responder or admin)" : $"role: must be viewer, responder or admin (got \"{role}\")";

    private static Outcome Bad(string error) => new(null, 400, error);

    private static Outcome NotFound(string name) => new(null, 404, $"no user \"{(name.Length <= 64 ? name : name[..64] + "…")}\"");
}
