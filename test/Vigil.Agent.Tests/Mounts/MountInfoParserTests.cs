using Vigil.Agent.Mounts;

namespace Vigil.Agent.Tests.Mounts;

public sealed class MountInfoParserTests
{
    [Fact]
    public void Parse_ThisMachinesMountinfo_ReadsRootAndProc()
    {
        var entries = MountInfoParser.Parse(File.ReadAllText(Fixture.Path("mountinfo.thismachine")));
        var root = entries.Single(e => e.MountPoint == "/");
        Assert.Equal("ext4", root.FsType);
        Assert.Equal("/dev/vda", root.Source);
        Assert.Contains(entries, e => e is { MountPoint: "/proc", FsType: "proc" });
    }

    [Fact]
    public void Parse_OptionalFieldsBeforeTheDash_AreSkipped()
    {
        var e = MountInfoParser.Parse("61 27 0:45 / /home/shared rw,relatime master:20 shared:7 - autofs systemd-1 rw,fd=45\n").Single();
        Assert.Equal(("/home/shared", "autofs", "systemd-1"), (e.MountPoint, e.FsType, e.Source));
    }

    [Fact]
    public void Parse_EscapedMountPoint_IsDecoded() =>
        Assert.Equal("/mnt/My Backups", MountInfoParser.Parse(@"70 27 8:33 / /mnt/My\040Backups rw - xfs /dev/sdc1 rw").Single().MountPoint);

    [Fact]
    public void Parse_TruncatedLine_IsSkipped() => Assert.Empty(MountInfoParser.Parse("70 27 8:33 / /mnt rw\n"));
}
