using System.Runtime.InteropServices;
using Cross.Core.Ir;
using Cross.Core.Memory;
using Cross.UserMode.Memory;

namespace Cross.UserMode.Tests.Memory;

public sealed class GuestAddressSpaceTests : IDisposable
{
    private const ulong Page = GuestAddressSpace.PageSize;
    private readonly GuestAddressSpace _space = new(1UL << 32);

    public void Dispose() => _space.Dispose();

    [Fact]
    public void MappedPagesStartZeroAndHoldWrites()
    {
        _space.Map(0x10000, 2 * Page, MemoryProtection.ReadWrite);
        Assert.Equal(0UL, _space.Read(0x10000, 8));
        _space.Write(0x10008, 8, 0x1122334455667788);
        Assert.Equal(0x1122334455667788UL, _space.Read(0x10008, 8));
        Assert.Equal(0x55667788UL, _space.Read(0x10008, 4));
        Assert.Equal(0x88UL, _space.Read(0x10008, 1));
        _space.Write128(0x10010, new UInt128(1, 2));
        Assert.Equal(new UInt128(1, 2), _space.Read128(0x10010));
    }

    [Fact]
    public void UnmappedAccessFaultsAsUnmapped()
    {
        var fault = Assert.Throws<GuestMemoryFaultException>(() => _space.Read(0x5000, 4));
        Assert.Equal(0x5000UL, fault.Address);
        Assert.Equal(MemoryFaultReason.Unmapped, fault.Reason);
        Assert.Equal(MemoryAccessType.Read, fault.Access);
    }

    [Fact]
    public void PermissionsAreEnforcedPerAccessKind()
    {
        _space.Map(0x20000, Page, MemoryProtection.Read);
        _space.Map(0x21000, Page, MemoryProtection.ReadWrite);
        _space.Map(0x22000, Page, MemoryProtection.None);

        var write = Assert.Throws<GuestMemoryFaultException>(() => _space.Write(0x20010, 4, 1));
        Assert.Equal((0x20010UL, MemoryFaultReason.Permission, MemoryAccessType.Write), (write.Address, write.Reason, write.Access));
        var fetch = Assert.Throws<GuestMemoryFaultException>(() => _space.Fetch(0x21000, 4));
        Assert.Equal((MemoryFaultReason.Permission, MemoryAccessType.Execute), (fetch.Reason, fetch.Access));
        var none = Assert.Throws<GuestMemoryFaultException>(() => _space.Read(0x22000, 1));
        Assert.Equal(MemoryFaultReason.Permission, none.Reason);
    }

    [Fact]
    public void PageCrossingAccessChecksBothPagesAndReportsTheBadOne()
    {
        _space.Map(0x30000, Page, MemoryProtection.ReadWrite);
        _space.Map(0x31000, Page, MemoryProtection.Read);

        _space.Write(0x30FFE, 2, 0xBEEF);
        Assert.Equal(0xBEEFUL, _space.Read(0x30FFE, 2));
        var fault = Assert.Throws<GuestMemoryFaultException>(() => _space.Write(0x30FFC, 8, 0));
        Assert.Equal(0x31000UL, fault.Address);
        Assert.Equal(MemoryFaultReason.Permission, fault.Reason);
        // Nothing was written on the good page either.
        Assert.Equal(0xBEEFUL, _space.Read(0x30FFE, 2));

        var unmapped = Assert.Throws<GuestMemoryFaultException>(() => _space.Read(0x31FFC, 8));
        Assert.Equal((0x32000UL, MemoryFaultReason.Unmapped), (unmapped.Address, unmapped.Reason));
    }

    [Fact]
    public void AccessesAtTheTopOfTheSpaceFaultInsteadOfLeavingTheRegion()
    {
        var top = _space.Size;
        _space.Map(top - Page, Page, MemoryProtection.ReadWrite);
        _space.Write(top - 8, 8, 42);
        Assert.Equal(42UL, _space.Read(top - 8, 8));
        var crossing = Assert.Throws<GuestMemoryFaultException>(() => _space.Read(top - 4, 8));
        Assert.Equal(top, crossing.Address);
        Assert.Throws<GuestMemoryFaultException>(() => _space.Read(top, 1));
        Assert.Throws<GuestMemoryFaultException>(() => _space.Read(ulong.MaxValue - 3, 8));
        Assert.Throws<GuestMemoryFaultException>(() => _space.Write(ulong.MaxValue, 1, 0));
    }

    [Fact]
    public void MisalignedPlainAccessesAreAllowed()
    {
        _space.Map(0x40000, Page, MemoryProtection.ReadWrite);
        _space.Write(0x40003, 8, 0x0102030405060708);
        Assert.Equal(0x0102030405060708UL, _space.Read(0x40003, 8));
        Assert.Equal(0x0506UL, _space.Read(0x40005, 2));
    }

    [Fact]
    public void AtomicsNeedAlignmentAndBothPermissions()
    {
        _space.Map(0x50000, Page, MemoryProtection.ReadWrite);
        _space.Map(0x51000, Page, MemoryProtection.Read);
        var misaligned = Assert.Throws<GuestMemoryFaultException>(() => _space.AtomicRmw(AtomicOp.Add, 0x50004 + 2, 4, 1));
        Assert.Equal(MemoryFaultReason.Misaligned, misaligned.Reason);
        var readOnly = Assert.Throws<GuestMemoryFaultException>(() => _space.CompareExchange(0x51000, 8, 0, 1));
        Assert.Equal((MemoryFaultReason.Permission, MemoryAccessType.Write), (readOnly.Reason, readOnly.Access));
        Assert.Throws<GuestMemoryFaultException>(() => _space.AtomicRmw(AtomicOp.Add, 0x60000, 8, 1));
    }

    [Theory]
    [InlineData(AtomicOp.Add, 8, 5UL, 3UL, 8UL)]
    [InlineData(AtomicOp.Exchange, 4, 5UL, 0xFFFFFFFFUL, 0xFFFFFFFFUL)]
    [InlineData(AtomicOp.And, 8, 0b1100UL, 0b1010UL, 0b1000UL)]
    [InlineData(AtomicOp.Or, 4, 0b1100UL, 0b1010UL, 0b1110UL)]
    [InlineData(AtomicOp.Xor, 8, 0b1100UL, 0b1010UL, 0b0110UL)]
    [InlineData(AtomicOp.MinS, 4, 5UL, 0xFFFFFFFFUL, 0xFFFFFFFFUL)]
    [InlineData(AtomicOp.MaxS, 4, 5UL, 0xFFFFFFFFUL, 5UL)]
    [InlineData(AtomicOp.MinU, 4, 5UL, 0xFFFFFFFFUL, 5UL)]
    [InlineData(AtomicOp.MaxU, 8, 5UL, ulong.MaxValue, ulong.MaxValue)]
    [InlineData(AtomicOp.Add, 1, 0xFFUL, 2UL, 1UL)]
    [InlineData(AtomicOp.MaxS, 2, 0x7FFFUL, 0x8000UL, 0x7FFFUL)]
    public void AtomicReadModifyWriteReturnsTheOldValue(AtomicOp op, int size, ulong initial, ulong operand, ulong expected)
    {
        _space.Map(0x50000, Page, MemoryProtection.ReadWrite);
        _space.Write(0x50000, 8, 0xAAAAAAAAAAAAAAAA);
        var address = 0x50000UL + (ulong)size;
        _space.Write(address, size, initial);
        Assert.Equal(initial, _space.AtomicRmw(op, address, size, operand));
        Assert.Equal(expected, _space.Read(address, size));
        // Neighbouring bytes are untouched by narrow atomics.
        Assert.Equal(0xAAUL, _space.Read(0x50000, 1));
    }

    [Fact]
    public void CompareExchangeSwapsOnlyOnMatch()
    {
        _space.Map(0x50000, Page, MemoryProtection.ReadWrite);
        _space.Write(0x50000, 4, 7);
        Assert.Equal(7UL, _space.CompareExchange(0x50000, 4, 6, 9));
        Assert.Equal(7UL, _space.Read(0x50000, 4));
        Assert.Equal(7UL, _space.CompareExchange(0x50000, 4, 7, 9));
        Assert.Equal(9UL, _space.Read(0x50000, 4));
        _space.Write(0x50002, 2, 0x1234);
        Assert.Equal(0x1234UL, _space.CompareExchange(0x50002, 2, 0x1234, 0x4321));
        Assert.Equal(0x4321UL, _space.Read(0x50002, 2));
        Assert.Equal(9UL, _space.Read(0x50000, 2));
    }

    [Fact]
    public void WritingTranslatedCodeReportsThePageOnceAndClearsTheMark()
    {
        _space.Map(0x70000, 2 * Page, MemoryProtection.All);
        var reports = new List<(ulong, ulong)>();
        _space.CodeModified += (start, end) => reports.Add((start, end));
        _space.TrackCode(0x70100, 0x70180);

        _space.Write(0x71000, 4, 1);
        Assert.Empty(reports);
        _space.Write(0x70FFE, 4, 1);
        Assert.Equal([(0x70000UL, 0x72000UL)], reports);
        _space.Write(0x70104, 4, 2);
        Assert.Single(reports);

        _space.TrackCode(0x70100, 0x70104);
        Assert.True(_space.TryWriteBytes(0x70100, [1, 2, 3]));
        Assert.Equal(2, reports.Count);
        _space.TrackCode(0x70100, 0x70104);
        _space.AtomicRmw(AtomicOp.Add, 0x70200, 4, 1);
        Assert.Equal(3, reports.Count);
        _space.TrackCode(0x70100, 0x70104);
        _space.Unmap(0x70000, Page);
        Assert.Equal(4, reports.Count);
    }

    [Fact]
    public void DirectPermissionBytesFollowTheGuestProtection()
    {
        _space.Map(0x80000, Page, MemoryProtection.ReadExecute);
        _space.Map(0x81000, 2 * Page, MemoryProtection.ReadWrite);
        byte Own(ulong address) => (byte)(Marshal.ReadByte(_space.PageOwnPermissions, (int)(address >> 12)) & 0xF);
        byte Pair(ulong address) => Marshal.ReadByte(_space.PagePermissions, (int)(address >> 12));
        const byte ReadWrite = (byte)(DirectPagePermissions.Read | DirectPagePermissions.Write);

        // Each page's own byte is its protection.
        Assert.Equal((byte)(DirectPagePermissions.Read | DirectPagePermissions.Execute), Own(0x80000));
        Assert.Equal(ReadWrite, Own(0x81000));
        Assert.Equal(0, Own(0x83000));
        // The pair byte grants what is good for the page and the next one.
        Assert.Equal((byte)DirectPagePermissions.Read, Pair(0x80000));
        Assert.Equal(ReadWrite, Pair(0x81000));
        Assert.Equal(0, Pair(0x82000));
        Assert.Equal(0, Pair(0x7F000));

        // Translated code on a page takes Write away from the pairs that include it.
        _space.Protect(0x80000, Page, MemoryProtection.ReadWrite);
        Assert.Equal(ReadWrite, Pair(0x80000));
        _space.TrackCode(0x81000, 0x81010);
        Assert.NotEqual(0, Own(0x81000) & (byte)DirectPagePermissions.TranslatedCode);
        Assert.Equal((byte)DirectPagePermissions.Read, Pair(0x80000));
        Assert.Equal((byte)DirectPagePermissions.Read, Pair(0x81000));
        _space.Write(0x81000, 1, 0);
        Assert.Equal(ReadWrite, Pair(0x80000));

        _space.Unmap(0x80000, 3 * Page);
        Assert.Equal((0, 0, 0), (Own(0x80000), Pair(0x80000), Pair(0x81000)));

        _space.Map(0x81000, Page, MemoryProtection.ReadWrite);
        Marshal.WriteInt64(_space.HostBase + 0x81008, 0x55);
        Assert.Equal(0x55UL, _space.Read(0x81008, 8));
    }

    [Fact]
    public void ProtectChangesPermissionsAndRefusesUnmappedRanges()
    {
        _space.Map(0x90000, 2 * Page, MemoryProtection.ReadWrite);
        Assert.True(_space.Protect(0x90000, Page, MemoryProtection.Read));
        Assert.Throws<GuestMemoryFaultException>(() => _space.Write(0x90000, 1, 0));
        _space.Write(0x91000, 1, 0);
        Assert.False(_space.Protect(0x91000, 2 * Page, MemoryProtection.None));
        Assert.Equal(MemoryProtection.ReadWrite, _space.ProtectionAt(0x91000));
    }

    [Fact]
    public void UnmapDropsContents()
    {
        _space.Map(0xA0000, Page, MemoryProtection.ReadWrite);
        _space.Write(0xA0000, 8, 99);
        _space.Unmap(0xA0000, Page);
        Assert.Throws<GuestMemoryFaultException>(() => _space.Read(0xA0000, 8));
        _space.Map(0xA0000, Page, MemoryProtection.ReadWrite);
        Assert.Equal(0UL, _space.Read(0xA0000, 8));
    }

    [Fact]
    public void SyscallBufferChecksUseGuestPermissions()
    {
        _space.Map(0xB0000, Page, MemoryProtection.Read);
        _space.Map(0xB1000, Page, MemoryProtection.ReadWrite);
        Assert.True(_space.TryGetHostAddress(0xB0000, 2 * Page, MemoryAccessType.Read, out var host));
        Assert.Equal(_space.HostBase + 0xB0000, host);
        Assert.False(_space.TryGetHostAddress(0xB0000, 2 * Page, MemoryAccessType.Write, out _));
        Assert.False(_space.TryGetHostAddress(0xB1000, 2 * Page, MemoryAccessType.Read, out _));
        Assert.True(_space.TryGetHostAddress(0, 0, MemoryAccessType.Write, out _));
        Assert.False(_space.TryGetHostAddress(ulong.MaxValue - 10, 100, MemoryAccessType.Read, out _));
        Assert.False(_space.TryWriteBytes(0xB0FF0, new byte[0x20]));
        Assert.True(_space.TryReadBytes(0xB0FF0, new byte[0x20]));
    }

    [Fact]
    public void CStringsAreReadAcrossPagesAndBounded()
    {
        _space.Map(0xC0000, 2 * Page, MemoryProtection.ReadWrite);
        _space.WriteBytes(0xC0FFD, "hello\0"u8);
        Assert.Equal("hello", _space.TryReadString(0xC0FFD));
        Assert.Null(_space.TryReadCString(0xC0FFD, 3, out var tooLong));
        Assert.True(tooLong);
        _space.WriteBytes(0xC1FFC, "abcd"u8);
        Assert.Null(_space.TryReadCString(0xC1FFC, 100, out tooLong));
        Assert.False(tooLong);
    }
}
