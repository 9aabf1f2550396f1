#!/usr/bin/env python3
"""A synthetic national-scale scan corpus for build benchmarks, until `bulletin synth` lands:
N organisations as JSON Lines, 1-5 Exchange hosts each with a mix of builds; most hosts have up to
10 observations, 12% up to 100 and 3% hundreds to 2,000 (benign proxy-log rows, files, log lines,
events); 3% of hosts carry a web shell and 1% ProxyLogon SSRF requests. Deterministic (seeded).

    python3 Benchmarks/scale-corpus.py 30000 /tmp/c30k.jsonl [seed]
"""
import json, random, sys
n = int(sys.argv[1]); out = sys.argv[2]; seed = int(sys.argv[3]) if len(sys.argv) > 3 else 2021
r = random.Random(seed)
versions = ["15.1.2176.2", "15.1.2106.2", "15.2.721.13", "15.2.792.3", "15.0.1497.12", "15.2.858.5", "15.1.2242.4", "15.2.792", "15.1.2176"]
words = ["owa","ecp","auth","mapi","ews","oab","autodiscover","rpc","powershell","themes","resources"]
sectors = ["Health","Education","Government","Finance","Energy","Transport and logistics","Legal","Culture",None]
agents = ["Mozilla/5.0 (Windows NT 10.0; Win64; x64)","Microsoft Office/16.0","Microsoft Outlook 16.0.5095","MSRPC"]
def obs(i):
    k = r.random()
    if k < 0.45:
        return {"type":"http-request","time":"2021-03-0%dT%02d:%02d:00Z"%(r.randint(1,9),r.randint(0,23),r.randint(0,59)),
                "method": "POST" if r.random()<0.3 else "GET", "url":"/%s/%s/r%d.js?v=%d"%(r.choice(words),r.choice(words),i,r.randint(0,9999)),
                "status":200,"client_ip":"198.51.%d.%d"%(r.randint(0,255),r.randint(0,255)),"user_agent":r.choice(agents),"log":"HttpProxy/Ecp",
                "fields":{"AnchorMailbox":"SMTP:user%d@example.org"%r.randint(0,5000),"AuthenticatedUser":"user%d@example.org"%r.randint(0,5000)}}
    if k < 0.85:
        d = r.choice(words)
        return {"type":"file","path":"C:\\inetpub\\wwwroot\\%s\\f%d.%s"%(d,i,r.choice(["dll","aspx","js","exe"])),
                "sha256":"%064x"%r.getrandbits(256),"size":r.randint(0,100000),"modified":"2021-03-03T07:02:11Z"}
    if k < 0.95:
        return {"type":"log-line","log":"ECP/Server","time":"2021-03-04T01:02:03Z","text":"S:CMD=Set-OabVirtualDirectory.ExternalUrl='http://f/%d'"%i if r.random()<0.01 else "request %d ok"%i}
    return {"type":"event","channel":"Application","provider":"MSExchange Unified Messaging","event_id":4040 if r.random()<0.02 else 1000,"level":"error","message":"m%d"%i}
with open(out,"w") as f:
    for o in range(n):
        hosts=[]
        for h in range(r.randint(1,5)):
            x = r.random()
            cnt = r.randint(0,10) if x < 0.85 else (r.randint(10,100) if x < 0.97 else r.randint(100,2000))
            observations=[obs(i) for i in range(cnt)]
            if r.random() < 0.03:
                observations.append({"type":"file","path":"C:\\inetpub\\wwwroot\\aspnet_client\\supp0rt.aspx","time":"2021-03-03T07:02:11Z"})
            if r.random() < 0.01:
                observations += [{"type":"http-request","time":"2021-03-03T0%d:00:00Z"%k,"method":"POST","url":"/ecp/y.js","status":200,"client_ip":"165.232.154.116","log":"HttpProxy/Ecp",
                                  "fields":{"AnchorMailbox":"ServerInfo~a]@mail.example:444/autodiscover/autodiscover.xml?#"}} for k in range(r.randint(1,9))]
            hosts.append({"id":"host%d"%h,"hostname":"mail%d.org%06d.example"%(h,o),"addresses":["192.0.%d.%d"%(o%256,h)],
                          "software":[{"product":"Exchange Server 2016","version":r.choice(versions),"source":"x-owa-version"}],"observations":observations})
        org={"id":"org%06d"%o,"name":"Organisation %d"%o,"country":"DE","contacts":[{"name":"IT","email":"it@org%d.example"%o,"role":"technical"}]}
        s=r.choice(sectors)
        if s: org["sector"]=s
        f.write(json.dumps({"format":"bulletin.scan/1","scanner":{"name":"sweep","version":"1"},"scanned_at":"2021-03-10T02:00:00Z","organisation":org,"hosts":hosts},separators=(",",":"))+"\n")
