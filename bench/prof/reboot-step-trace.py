import sys
# usage: reboot-step-trace.py SERVER_TRACE BENCH_TRACE (the files the scratch build of reboot-step-trace.patch wrote:
# /tmp/reboot-trace.txt and /tmp/reboot-btrace.txt; delete both before a run, as they are appended to)
def load(f, src):
    out=[]
    for l in open(f):
        p=l.rstrip("\n").split(" ")
        if len(p)>=5 and p[0].isdigit(): out.append((int(p[0]),p[1],p[2],float(p[-2]),int(p[-1]),src))
    return out
ev=sorted(load(sys.argv[1],'S')+load(sys.argv[2],'B'))
Rs=[i for i,e in enumerate(ev) if e[1]=='R']
print("  M    | H first/last  | B0 first/last | B1 first/last | Q0 first/last | Q1 last | server GC pause ms (n gen0) in R..Q1last | bench GC")
for i in Rs:
    t0=ev[i][0]
    win=[e for e in ev[i:] if e[0]-t0<400000]
    m=next(e[0] for e in win if e[1]=='M')
    def fl(tag):
        xs=[e[0] for e in win if e[1]==tag and e[0]>=m-5000][:50]
        return f"{(xs[0]-t0)/1000:6.1f}/{(xs[-1]-t0)/1000:6.1f}" if xs else "   -  "
    q1=[e for e in win if e[1]=='Q1'][:50]
    end=q1[-1][0]
    s=[e for e in win if e[5]=='S' and e[0]<=end]; b=[e for e in win if e[5]=='B' and e[0]<=end]
    # pause accrued: last - first seen
    sp=s[-1][3]-ev[i][3]; sn=s[-1][4]-ev[i][4]
    bp=(b[-1][3]-b[0][3]) if b else 0; bn=(b[-1][4]-b[0][4]) if b else 0
    print(f"{(m-t0)/1000:6.1f} | {fl('H')} | {fl('B0')} | {fl('B1')} | {fl('Q0')} | {(end-t0)/1000:6.1f} | {sp:5.1f} ({sn}) | {bp:5.1f} ({bn})")
