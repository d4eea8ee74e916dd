using Vigil.Agent.Mounts;

namespace Vigil.Agent.Tests.Mounts;

public sealed class MountRulesTests
{
    private static Dictionary<string, Contracts.Agents.CheckResult> AfterReboot()
    {
        var fstab = FstabParser.Parse(File.ReadAllText(Fixture.Path("fstab.debian")));
        var mounted = MountInfoParser.Parse(File.ReadAllText(Fixture.Path("mountinfo.rebooted")));
        return MountRules.Check(fstab, mounted).ToDictionary(c => c.Subject["mountpoint"]);
    }

    [Fact]
    public void Check_NofailDataVolumeMissing_FailsAndIsMarkedNofail()
    {
        var data = AfterReboot()["/data"];
        Assert.False(data.Passed);
        Assert.Equal("true", data.Details!["nofail"]);
        Assert.Contains("not mounted", data.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AutofsPlaceholder_CountsAsNotMountedYet()
    {
        var home = AfterReboot()["/home/shared"];
        Assert.False(home.Passed);
        Assert.Contains("autofs", home.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MountedEntriesAndBindMounts_Pass()
    {
        var results = AfterReboot();
        Assert.True(results["/"].Passed);
        Assert.True(results["/boot/efi"].Passed);
        Assert.True(results["/var/www"].Passed);
        Assert.True(results["/tmp"].Passed);
    }

    [Fact]
    public void Check_SwapAndNoauto_AreNotReported()
    {
        var results = AfterReboot();
        Assert.DoesNotContain("none", results.Keys);
        Assert.DoesNotContain("/mnt/My Backups", results.Keys);
    }

    [Fact]
    public void Check_WrongFilesystemType_Fails()
    {
        var fstab = FstabParser.Parse("/dev/sdb1 /data ext4 defaults 0 2");
        var mounted = MountInfoParser.Parse("80 27 8:17 / /data rw - xfs /dev/sdb1 rw");
        var result = MountRules.Check(fstab, mounted).Single();
        Assert.False(result.Passed);
        Assert.Contains("xfs", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_AutomountWithRealFilesystemOnTop_Passes()
    {
        var fstab = FstabParser.Parse("nas:/export /home/shared nfs x-systemd.automount 0 0");
        var mounted = MountInfoParser.Parse("61 27 0:45 / /home/shared rw - autofs systemd-1 rw\n90 61 0:50 / /home/shared rw - nfs4 nas:/export rw\n");
        Assert.True(MountRules.Check(fstab, mounted).Single().Passed);
    }
}
