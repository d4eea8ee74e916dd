using Vigil.Agent.Mounts;

namespace Vigil.Agent.Tests.Mounts;

public sealed class FstabParserTests
{
    private static IReadOnlyList<FstabEntry> Debian() => FstabParser.Parse(File.ReadAllText(Fixture.Path("fstab.debian")));

    [Fact]
    public void Parse_DebianFstab_SkipsCommentsAndReadsEveryEntry()
    {
        var entries = Debian();
        Assert.Equal(["/", "/boot/efi", "none", "/data", "/mnt/My Backups", "/home/shared", "/var/www", "/tmp"], entries.Select(e => e.MountPoint));
        Assert.Equal("UUID=4f2c1d0e-6b8a-4c51-9a0e-1f2d3c4b5a69", entries[0].Spec);
        Assert.Equal(["errors=remount-ro"], entries[0].Options);
    }

    [Fact]
    public void Parse_OctalEscapeInMountPoint_IsDecoded() =>
        Assert.Equal("/mnt/My Backups", Debian().Single(e => e.FsType == "xfs").MountPoint);

    [Fact]
    public void ShouldBeMounted_ExcludesSwapAndNoauto()
    {
        var entries = Debian();
        Assert.False(entries.Single(e => e.FsType == "swap").ShouldBeMounted);
        Assert.False(entries.Single(e => e.MountPoint == "/mnt/My Backups").ShouldBeMounted);
        Assert.True(entries.Single(e => e.MountPoint == "/data").ShouldBeMounted);
        Assert.True(entries.Single(e => e.MountPoint == "/data").IsNofail);
    }

    [Fact]
    public void Parse_ThisMachinesUnconfiguredFstab_HasNoEntries() =>
        Assert.Empty(FstabParser.Parse("# UNCONFIGURED FSTAB FOR BASE SYSTEM\n"));

    [Theory]
    [InlineData(@"/a\040b", "/a b")]
    [InlineData(@"/a\011b", "/a\tb")]
    [InlineData(@"/a\134b", @"/a\b")]
    [InlineData(@"/a\9b", @"/a\9b")]
    [InlineData(@"/end\04", @"/end\04")]
    public void OctalEscapes_Decode(string raw, string expected) => Assert.Equal(expected, OctalEscapes.Decode(raw));
}
