using System.Globalization;
using System.Text;

namespace Vigil.Drill.Demo;

/// <summary>
/// What a simulated HAProxy answers, in HAProxy 2.6's own words and layouts (the Runtime API's <c>show stat</c> CSV,
/// <c>show servers state</c> table and error lines), so the server's real pool code reads it unchanged. Pure.
/// </summary>
internal static class SimHaproxyText
{
    // HAProxy's show stat columns, in its order, up to the last one Vigil reads (check_desc); Vigil reads them by name.
    private const string StatHeader = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,"
        + "act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,"
        + "check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,"
        + "srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,"
        + "agent_duration,check_desc,\n";

    private const string StateHeader = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight "
        + "srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id "
        + "srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

    public const string NoSuchBackend = "No such backend.\n\n";

    public const string NoSuchServer = "No such server.\n\n";

    public const string NoSuchProxy = "No such proxy.\n\n";

    public const string CantFindBackend = "Can't find backend.\n\n";

    public const string BadState = "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n";

    public const string UnknownCommand = "Unknown command, but maybe one of the following ones is a better match:\n"
        + "  show stat                               : report counters for each proxy and server\n"
        + "  show servers state                      : dump volatile server information (all or for a single backend)\n"
        + "  set server                              : change a server's state, weight, address or ssl\n\n";

    /// <summary><c>show stat</c>'s rows for <paramref name="servers"/>: status as HAProxy prints it, check result, no traffic.</summary>
    public static string Stat(IEnumerable<(SimServer Server, bool CheckPasses)> servers)
    {
        var text = new StringBuilder(StatHeader);
        foreach (var (s, up) in servers)
        {
            var status = s.Admin == "maint" ? "MAINT" : !up ? "DOWN" : s.Admin == "drain" ? "DRAIN" : "UP";
            var (check, code, desc) = up ? ("L7OK", "200", "Layer7 check passed") : ("L4CON", "", "Layer4 connection problem");
            var f = new string[66];
            Array.Fill(f, "");
            f[0] = s.Backend;
            f[1] = s.Name;
            f[2] = "0";
            f[4] = "0";
            f[17] = status;
            f[18] = s.Admin == "drain" ? "0" : "1";
            f[32] = "2";
            f[36] = check;
            f[37] = code;
            f[56] = up ? "" : "Connection refused";
            f[65] = desc;
            text.Append(string.Join(',', f)).Append(",\n");
        }
        return text.Append('\n').ToString();
    }

    /// <summary><c>show servers state</c>: operational state 2 (running) or 0 (stopped), admin flags 0x01 (maint) or 0x08 (drain).</summary>
    public static string ServersState(int backendId, IEnumerable<(SimServer Server, bool CheckPasses)> servers)
    {
        var text = new StringBuilder(StateHeader);
        foreach (var (s, up) in servers)
        {
            var admin = s.Admin switch { "maint" => 1, "drain" => 8, _ => 0 };
            var health = up ? 3 : 0;
            text.Append(CultureInfo.InvariantCulture,
                $"{backendId} {s.Backend} {s.Id} {s.Name} 127.0.0.1 {(up ? 2 : 0)} {admin} 1 1 5 {(up ? 15 : 8)} {(up ? 3 : 2)} {health} 6 0 0 0 - 80 - 0 0 - - 0\n");
        }
        return text.Append('\n').ToString();
    }
}
