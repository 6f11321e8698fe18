package main
import ("fmt";"os";"time"
"github.com/selvhjelp/finder/data/search"
"github.com/selvhjelp/finder/wasm/bundle")
func main(){
 b,_:=os.ReadFile("/tmp/wt11-scratch/bundle.json")
 for i:=0;i<4;i++{
 t0:=time.Now(); d,_:=bundle.Decode(b); t1:=time.Now()
 pc:=d.Postcodes; d.Postcodes=nil
 t2:=time.Now(); search.New(d); t3:=time.Now()
 d.Postcodes=pc; search.New(d); t4:=time.Now()
 r:=0; e,_:=search.New(d); t5:=time.Now(); for j:=0;j<20;j++{ r+=len(e.Search("sorg bergen",search.Options{}).Results)}; t6:=time.Now()
 fmt.Println("decode",t1.Sub(t0),"index-core",t3.Sub(t2),"index-full",t4.Sub(t3),"search",t6.Sub(t5)/20, r)}
}
